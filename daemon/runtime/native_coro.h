// Native coroutines: C++20 coroutines that implement the Coroutine interface, so that
// TaskGroup.__aexit__, Timeout, wait_for, sleep… read like the CPython code they port.
// Inside one, `co_await fut` waits on a Future (yielding it to the task, as
// Future.__await__), `co_await delegate(coro)` runs another Coroutine inline (as
// `yield from`), and `co_await bare_yield()` gives up one loop pass. Every await returns
// an Outcome: exceptions travel as values, never as C++ exceptions.
#pragma once

#include <coroutine>
#include <exception>
#include <memory>
#include <string>

#include "daemon/runtime/coroutine.h"
#include "daemon/runtime/future.h"

namespace tl::rt {

class NativeCoro;

// What a native coroutine function returns: `Native f(...) { ... co_return ...; }`.
// Hand it to native() to get the Ref<Coroutine> a Task or an await can use.
struct NativePromise;
struct Native {
    using promise_type = NativePromise;
    NativeCoro* coro;
};

struct NativePromise {
    // Not an aggregate: otherwise C++20 would build the promise from the coroutine's own
    // arguments whenever they happen to convert to its members.
    NativePromise() {}
    // The coroutine frame comes from the runtime's pool (frames are made per
    // __aenter__/__aexit__ and per native await); sized delete gets the frame's size.
    TL_POOLED_ALLOCATION
    // What the last resumption threw in, read by the awaiter that resumes (a sent value
    // is always None, so it is not kept).
    ExcRef thrown;
    // Set by an awaiter just before suspending.
    Value yielded;
    Ref<Coroutine> new_delegate;
    // One slot for two uses that never overlap, to keep every frame small: what the
    // delegate returned or raised (consumed by DelegateAwaiter::await_resume before the
    // body goes on), and then what co_return delivered.
    Outcome delegate_outcome;

    Native get_return_object();
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(Outcome o) { delegate_outcome = std::move(o); }
    void unhandled_exception() noexcept {
        // Native runtime code does not throw; if it does, the task fails with a clear error.
        delegate_outcome = Outcome::raise(make_exception(exc_types().RuntimeError, "internal error in native coroutine"));
    }
};

// The return type of a native coroutine function: converts to Ref<Coroutine>.
class NativeCoro final : public Coroutine {
public:
    TL_POOLED_ALLOCATION

    using Handle = std::coroutine_handle<NativePromise>;

    explicit NativeCoro(Handle h) : Coroutine(coroutine_type()), h_(h) {}
    ~NativeCoro() override {
        if (h_) h_.destroy();
    }

    StepResult send(Value value) override { return resume(std::move(value), nullptr); }
    StepResult throw_exc(ExcRef exc) override { return resume(Value::none(), std::move(exc)); }
    std::string qualname() const override { return owned_name_ ? *owned_name_ : std::string(name_); }
    SourceLocation location() const override {
        if (delegate_) return delegate_->location();
        return {};
    }
    bool finished() const override { return !h_ || h_.done(); }
    // Whether the body has begun running (Python-level close() of an unstarted coroutine
    // just finishes it).
    bool started() const { return started_; }
    void close() override {
        if (delegate_) delegate_->close();
        delegate_ = nullptr;
        if (h_) {
            h_.destroy();
            h_ = nullptr;
        }
    }
    NativeCoro* named(std::string n) {
        owned_name_ = std::make_unique<std::string>(std::move(n));
        return this;
    }
    // A string literal lives as long as the program: kept as a pointer, not copied.
    NativeCoro* named_static(const char* n) {
        owned_name_ = nullptr;
        name_ = n;
        return this;
    }

private:
    StepResult resume(Value v, ExcRef e);

    // Declared first so that it fills the padding after Object's refcount.
    bool started_ = false;
    Handle h_;
    Ref<Coroutine> delegate_;
    const char* name_ = "<native>";
    std::unique_ptr<std::string> owned_name_;  // when named from a computed string
};

inline Native NativePromise::get_return_object() {
    return Native{new NativeCoro(std::coroutine_handle<NativePromise>::from_promise(*this))};
}

// `co_await fut`: Future.__await__.
struct FutureAwaiter {
    Ref<Future> fut;
    NativePromise* promise = nullptr;
    bool await_ready() const noexcept { return fut->done(); }
    bool await_suspend(std::coroutine_handle<NativePromise> h) noexcept {
        promise = &h.promise();
        fut->asyncio_future_blocking = true;
        promise->yielded = Value(fut);
        return true;
    }
    Outcome await_resume() {
        if (promise && promise->thrown) {
            ExcRef e = std::move(promise->thrown);
            promise->thrown = nullptr;
            return Outcome::raise(std::move(e));
        }
        if (!fut->done()) {
            return Outcome::raise(make_exception(exc_types().RuntimeError, "await wasn't used with future"));
        }
        return fut->result();
    }
};
inline FutureAwaiter operator co_await(Ref<Future> f) { return FutureAwaiter{std::move(f)}; }

// `co_await delegate(coro)`: yield from another coroutine.
struct DelegateAwaiter {
    Ref<Coroutine> coro;
    NativePromise* promise = nullptr;
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<NativePromise> h) noexcept {
        promise = &h.promise();
        promise->new_delegate = coro;
        return true;
    }
    Outcome await_resume() { return std::move(promise->delegate_outcome); }
};
inline DelegateAwaiter delegate(Ref<Coroutine> c) { return DelegateAwaiter{std::move(c)}; }

// `co_await bare_yield()`: tasks.__sleep0, a bare `yield` (the task steps again next pass).
struct BareYieldAwaiter {
    NativePromise* promise = nullptr;
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<NativePromise> h) noexcept {
        promise = &h.promise();
        promise->yielded = Value::none();
        return true;
    }
    Outcome await_resume() {
        if (promise->thrown) {
            ExcRef e = std::move(promise->thrown);
            promise->thrown = nullptr;
            return Outcome::raise(std::move(e));
        }
        return Outcome::ok(Value::none());
    }
};
inline BareYieldAwaiter bare_yield() { return {}; }

// `co_await awaitable(v)`: a Future or a Coroutine, whichever v is.
struct ValueAwaiter {
    Value v;
    FutureAwaiter fa{nullptr};
    DelegateAwaiter da{nullptr};
    bool is_future = false;
    bool await_ready() {
        if (v.is_obj() && v.as_obj()->type()->is_subtype(future_type())) {
            is_future = true;
            fa.fut = Ref<Future>(v.obj_as<Future>());
            return fa.await_ready();
        }
        return false;
    }
    bool await_suspend(std::coroutine_handle<NativePromise> h) noexcept {
        if (is_future) return fa.await_suspend(h);
        if (v.is_obj() && v.as_obj()->type()->layout() == Layout::Coroutine) {
            da.coro = Ref<Coroutine>(v.obj_as<Coroutine>());
            return da.await_suspend(h);
        }
        // Not awaitable: resume at once with a TypeError.
        h.promise().delegate_outcome = Outcome::raise(
            make_exception(exc_types().TypeError, "object is not awaitable"));
        da.promise = &h.promise();
        return false;
    }
    Outcome await_resume() {
        if (is_future) return fa.await_resume();
        return da.await_resume();
    }
};
inline ValueAwaiter awaitable(Value v) { return ValueAwaiter{std::move(v)}; }

inline StepResult NativeCoro::resume(Value v, ExcRef e) {
    if (!h_ || h_.done()) {
        return StepResult::raised(make_exception(exc_types().RuntimeError, "cannot reuse already awaited coroutine"));
    }
    if (!started_) {
        started_ = true;
        if (e) {
            // coro.throw() before the first send: the exception is raised at the very
            // start, so no statement of the body runs (as for any Python coroutine).
            h_.destroy();
            h_ = nullptr;
            return StepResult::raised(std::move(e));
        }
    }
    NativePromise& p = h_.promise();
    for (;;) {
        if (delegate_) {
            StepResult r = e ? delegate_->throw_exc(std::move(e)) : delegate_->send(std::move(v));
            e = nullptr;
            v = Value::none();
            if (r.kind == StepResult::Kind::Yield) return r;
            delegate_ = nullptr;
            p.delegate_outcome = r.kind == StepResult::Kind::Return ? Outcome::ok(std::move(r.value))
                                                                   : Outcome::raise(std::move(r.exc));
        } else {
            p.thrown = std::move(e);
            e = nullptr;
        }
        p.yielded = Value();
        h_.resume();
        if (h_.done()) {
            Outcome o = std::move(p.delegate_outcome);
            if (o.ok()) return StepResult::returned(std::move(o.value));
            return StepResult::raised(std::move(o.exc));
        }
        if (p.new_delegate) {
            delegate_ = std::move(p.new_delegate);
            p.new_delegate = nullptr;
            v = Value::none();
            continue;  // start the delegate within this same step, as `yield from` does
        }
        // An exception thrown while suspended at a plain yield point that the awaiter did
        // not consume would be lost; awaiters always consume it.
        return StepResult::yielded(std::move(p.yielded));
    }
}

// Wraps a native coroutine object as a Ref<Coroutine> with its __qualname__.
inline Ref<Coroutine> native(Native n, std::string qualname) {
    n.coro->named(std::move(qualname));
    return Ref<Coroutine>(n.coro);
}
// The common case, a literal __qualname__: no per-coroutine string.
template <size_t N>
inline Ref<Coroutine> native(Native n, const char (&qualname)[N]) {
    n.coro->named_static(qualname);
    return Ref<Coroutine>(n.coro);
}

}  // namespace tl::rt
