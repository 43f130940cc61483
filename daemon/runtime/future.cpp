// Future's state machine, as futures.py's _PyFuture.
#include "daemon/runtime/future.h"

#include "daemon/object/str.h"

namespace tl::rt {

namespace {
CallableEqHook g_eq_hook = nullptr;
}

void set_callable_eq_hook(CallableEqHook hook) { g_eq_hook = hook; }

Type* future_type() {
    static Type* t = [] {
        auto* ty = new Type("Future", {}, Layout::Future);
        ty->module = "asyncio.futures";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

// The call_soon handle of a native done-callback: fn(target, fut) with no closure, so a
// wake-up in the ready queue is 8 bytes a pointer, not a 16-byte Value plus closure padding.
class NativeDoneHandle final : public Handle {
public:
    NativeDoneHandle(EventLoop* loop, DoneCallback::NativeFn fn, Object* target, Future* fut)
        : Handle(loop), fn_(fn), target_(target), fut_(fut) {}
    void run() override {
        // A handle runs once: take what it holds first (as FnHandle moves its closure out).
        DoneCallback::NativeFn fn = fn_;
        if (!fn) return;
        fn_ = nullptr;
        Ref<Object> target = std::move(target_);
        Ref<Future> f = std::move(fut_);
        fn(target.get(), f.get());
    }

protected:
    void release_callback() override {
        fn_ = nullptr;
        target_ = nullptr;
        fut_ = nullptr;
    }

private:
    DoneCallback::NativeFn fn_;
    Ref<Object> target_;
    Ref<Future> fut_;
};

void schedule_done_callback(EventLoop* loop, const DoneCallback& cb, Future* fut) {
    if (cb.native) {
        loop->call_soon(Ref<Handle>(
            new NativeDoneHandle(loop, cb.native, cb.target.is_obj() ? cb.target.as_obj() : nullptr, fut)));
    } else {
        Ref<Future> f(fut);
        loop->call_soon_fn([target = cb.target, f, loop]() {
            Value arg(f);
            Outcome o = call_value(target, std::span<const Value>(&arg, 1));
            if (!o.ok()) loop->report_callback_error("Exception in callback", o.exc);
        });
    }
}

void Future::schedule_callbacks() {
    // Future.__schedule_callbacks: copy, clear, then call_soon each in order.
    if (callbacks_.empty()) return;
    DoneCallbacks cbs;
    cbs.swap(callbacks_);
    for (auto& cb : cbs) schedule_done_callback(loop_, cb, this);
}

ExcRef Future::make_cancelled_error() {
    if (cancelled_exc_) {
        ExcRef exc = std::move(cancelled_exc_);
        cancelled_exc_ = nullptr;
        return exc;
    }
    const auto& e = exc_types();
    if (cancel_message_.is_none() || cancel_message_.is_null()) return make_exception(e.CancelledError);
    return make_exception(e.CancelledError, std::vector<Value>{cancel_message_});
}

bool Future::future_cancel(Value msg) {
    log_traceback_ = false;
    if (state_ != State::Pending) return false;
    state_ = State::Cancelled;
    cancel_message_ = std::move(msg);
    schedule_callbacks();
    return true;
}

bool Future::cancel(Value msg) { return future_cancel(std::move(msg)); }

static Outcome invalid_state(const char* what) {
    return Outcome::raise(make_exception(exc_types().InvalidStateError, what));
}

Outcome Future::future_set_result(Value v) {
    if (state_ != State::Pending) return invalid_state("invalid state");
    result_ = std::move(v);
    state_ = State::Finished;
    schedule_callbacks();
    return Outcome::ok(Value::none());
}

Outcome Future::future_set_exception(ExcRef exc) {
    if (state_ != State::Pending) return invalid_state("invalid state");
    const auto& e = exc_types();
    if (exc->is_instance(e.StopIteration)) {
        // 3.11/3.12 refuse only an exact StopIteration with a TypeError; 3.13 wraps any
        // StopIteration in RuntimeError. Both are "never store a StopIteration".
        if (!loop_->semantics().at_least(PyVersion::V3_13)) {
            if (exc->type() == e.StopIteration) {
                return Outcome::raise(make_exception(
                    e.TypeError,
                    "StopIteration interacts badly with generators and cannot be raised into a Future"));
            }
        } else {
            ExcRef wrapped = make_exception(
                e.RuntimeError,
                "StopIteration interacts badly with generators and cannot be raised into a Future");
            wrapped->cause = exc;
            wrapped->context = exc;
            exc = wrapped;
        }
    }
    exception_ = std::move(exc);
    state_ = State::Finished;
    schedule_callbacks();
    log_traceback_ = true;
    return Outcome::ok(Value::none());
}

Outcome Future::set_result(Value v) { return future_set_result(std::move(v)); }
Outcome Future::set_exception(ExcRef exc) { return future_set_exception(std::move(exc)); }

Outcome Future::result() {
    if (state_ == State::Cancelled) return Outcome::raise(make_cancelled_error());
    if (state_ != State::Finished) return invalid_state("Result is not ready.");
    log_traceback_ = false;
    if (exception_) return Outcome::raise(exception_);
    return Outcome::ok(result_);
}

Outcome Future::exception() {
    if (state_ == State::Cancelled) return Outcome::raise(make_cancelled_error());
    if (state_ != State::Finished) return invalid_state("Exception is not set.");
    log_traceback_ = false;
    if (exception_) return Outcome::ok(Value(exception_));
    return Outcome::ok(Value::none());
}

void Future::add_done_callback(DoneCallback cb) {
    if (state_ != State::Pending) {
        schedule_done_callback(loop_, cb, this);
    } else {
        callbacks_.push_back(std::move(cb));
    }
}

size_t Future::remove_done_callback(const DoneCallback& cb) {
    size_t before = callbacks_.size();
    std::erase_if(callbacks_, [&](const DoneCallback& c) {
        if (c.native || cb.native) return c.native == cb.native && c.target.is(cb.target);
        if (c.target.is(cb.target)) return true;
        return g_eq_hook && g_eq_hook(c.target, cb.target);
    });
    return before - callbacks_.size();
}

void set_result_unless_cancelled(Future* fut, Value result) {
    if (fut->cancelled()) return;
    fut->set_result(std::move(result));
}

}  // namespace tl::rt
