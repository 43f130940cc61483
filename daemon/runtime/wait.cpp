// tasks.wait and tasks._wait: one waiter future, released by a done-callback on every
// future (as return_when decides) or by the timeout timer; it never cancels anything.
#include "daemon/runtime/combinators.h"

#include "daemon/object/containers.h"
#include "daemon/runtime/native_coro.h"

namespace tl::rt {

const char* return_when_name(ReturnWhen w) {
    switch (w) {
        case ReturnWhen::FirstCompleted: return "FIRST_COMPLETED";
        case ReturnWhen::FirstException: return "FIRST_EXCEPTION";
        case ReturnWhen::AllCompleted: return "ALL_COMPLETED";
    }
    return "?";
}

namespace {

// The variables _wait's _on_completion closes over.
struct WaitState final : Object {
    WaitState(Ref<Future> w, size_t n, ReturnWhen rw) : Object(object_type()), waiter(std::move(w)), counter(n), return_when(rw) {}
    Ref<Future> waiter;
    Ref<TimerHandle> timeout_handle;
    size_t counter;
    ReturnWhen return_when;
};

void on_completion(Object* self, Future* f) {
    // _wait._on_completion
    auto* st = static_cast<WaitState*>(self);
    st->counter -= 1;
    bool release = st->counter == 0 || st->return_when == ReturnWhen::FirstCompleted;
    if (!release && st->return_when == ReturnWhen::FirstException && !f->cancelled()) {
        Outcome e = f->exception();
        release = e.ok() && !e.value.is_none();
    }
    if (release) {
        if (st->timeout_handle) st->timeout_handle->cancel();
        if (!st->waiter->done()) st->waiter->set_result(Value::none());
    }
}

Native wait_body(EventLoop& loop, std::vector<Value> fs, std::optional<double> timeout, ReturnWhen return_when) {
    // tasks.wait: the checks run when the coroutine starts, as in CPython.
    const auto& E = exc_types();
    if (fs.empty()) co_return Outcome::raise(make_exception(E.ValueError, "Set of Tasks/Futures is empty."));
    // fs = set(fs): kept in first-appearance order here (see combinators.h).
    std::vector<Value> unique;
    for (Value& v : fs) {
        bool seen = false;
        for (const Value& u : unique) seen = seen || u.is(v);
        if (!seen) unique.push_back(std::move(v));
    }
    for (const Value& v : unique) {
        if (v.is_obj() && v.as_obj()->type()->layout() == Layout::Coroutine) {
            co_return Outcome::raise(make_exception(E.TypeError, "Passing coroutines is forbidden, use tasks explicitly."));
        }
    }
    std::vector<Ref<Future>> futs;
    for (const Value& v : unique) {
        if (!(v.is_obj() && v.as_obj()->type()->is_subtype(future_type()))) {
            // _wait calls f.add_done_callback on whatever it was given.
            std::string tn = v.is_obj() ? v.as_obj()->type()->name()
                           : v.is_none() ? "NoneType" : v.is_bool() ? "bool" : v.is_int() ? "int" : "float";
            co_return Outcome::raise(make_exception(E.AttributeError, "'" + tn + "' object has no attribute 'add_done_callback'"));
        }
        futs.push_back(future_of(v));
    }

    // tasks._wait
    Ref<Future> waiter(new Future(&loop));
    Ref<WaitState> st(new WaitState(waiter, futs.size(), return_when));
    if (timeout) {
        st->timeout_handle = loop.call_later_fn(*timeout, [waiter]() {
            if (!waiter->done()) waiter->set_result(Value::none());  // _release_waiter
        });
    }
    DoneCallback cb{&on_completion, Value(st)};
    for (auto& f : futs) f->add_done_callback(cb);

    Outcome o = co_await waiter;
    // finally:
    if (st->timeout_handle) st->timeout_handle->cancel();
    for (auto& f : futs) f->remove_done_callback(cb);
    if (!o.ok()) co_return o;

    std::vector<Value> done, pending;
    for (auto& f : futs) (f->done() ? done : pending).push_back(Value(f));
    std::vector<Value> pair{Value(new ListObject(std::move(done))), Value(new ListObject(std::move(pending)))};
    co_return Outcome::ok(Value(new TupleObject(std::move(pair))));
}

}  // namespace

Ref<Coroutine> wait(EventLoop& loop, std::vector<Value> fs, std::optional<double> timeout, ReturnWhen return_when) {
    return native(wait_body(loop, std::move(fs), timeout, return_when), "wait");
}

}  // namespace tl::rt
