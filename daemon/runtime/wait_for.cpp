// tasks.wait_for in both of CPython's designs: 3.11's own waiter future, timer and inner
// task (with _cancel_and_wait, and a late cancel swallowed when the inner future is
// already done), and 3.12+'s `async with timeout(t): return await fut` on the caller's task.
#include "daemon/runtime/combinators.h"

#include "daemon/runtime/async_with.h"
#include "daemon/runtime/native_coro.h"
#include "daemon/runtime/timeout.h"

namespace tl::rt {

namespace {

// tasks._release_waiter, as a done-callback: functools.partial(_release_waiter, waiter).
void release_waiter_cb(Object* waiter, Future*) {
    auto* w = static_cast<Future*>(waiter);
    if (!w->done()) w->set_result(Value::none());
}

// `raise TimeoutError from exc` inside `except CancelledError as exc:`.
Outcome timeout_error_from(const ExcRef& exc) {
    ExcRef te = make_exception(exc_types().TimeoutError);
    te->cause = exc;
    te->suppress_context = true;
    te->context = exc;
    return Outcome::raise(std::move(te));
}

bool is_cancelled_error(const Outcome& o) { return !o.ok() && o.exc->is_instance(exc_types().CancelledError); }

Native cancel_and_wait_body(EventLoop& loop, Ref<Future> fut) {
    // tasks._cancel_and_wait
    Ref<Future> waiter(new Future(&loop));
    DoneCallback cb{&release_waiter_cb, Value(waiter)};
    fut->add_done_callback(cb);
    {
        EventLoop::CauseScope cs(loop, Cause{CauseKind::WaitFor, nullptr});
        fut->cancel();
    }
    // Not `await fut`: waiting on the waiter keeps _cancel_and_wait itself cancellable.
    Outcome o = co_await waiter;
    fut->remove_done_callback(cb);  // finally:
    co_return o;
}

// The `timeout <= 0` branch both designs share: cancel at once unless already done.
Native wait_for_now(EventLoop& loop, Value arg) {
    Outcome f = ensure_future(loop, arg);
    if (!f.ok()) co_return f;
    Ref<Future> fut = future_of(f.value);
    if (fut->done()) co_return fut->result();
    Outcome w = co_await delegate(cancel_and_wait(loop, fut));
    if (!w.ok()) co_return w;
    Outcome r = fut->result();
    if (is_cancelled_error(r)) co_return timeout_error_from(r.exc);
    co_return r;
}

// `raise` of a new exception while `handled` is being handled: implicit chaining.
Outcome raised_while_handling(Outcome o, const ExcRef& handled) {
    if (!o.ok()) set_implicit_context(o.exc.get(), handled.get());
    return o;
}

Native wait_for_311(EventLoop& loop, Value arg, std::optional<double> timeout) {
    // tasks.wait_for (3.11)
    if (!timeout) co_return co_await awaitable(arg);
    if (*timeout <= 0) co_return co_await delegate(native(wait_for_now(loop, arg), "wait_for"));

    Ref<Future> waiter(new Future(&loop));
    Ref<TimerHandle> timeout_handle = loop.call_later_fn(*timeout, [waiter]() { release_waiter_cb(waiter.get(), nullptr); });
    DoneCallback cb{&release_waiter_cb, Value(waiter)};

    // Before the try: an argument ensure_future refuses leaves the timer armed, as in CPython.
    Outcome f = ensure_future(loop, arg);
    if (!f.ok()) co_return f;
    Ref<Future> fut = future_of(f.value);
    fut->add_done_callback(cb);

    Outcome result;
    // wait until the future completes or the timeout
    Outcome w = co_await waiter;
    if (!w.ok()) {
        if (is_cancelled_error(w) && fut->done()) {
            // The cancel arrived after the inner future finished: it is swallowed and the
            // inner result returned.
            result = fut->result();
        } else if (is_cancelled_error(w)) {
            fut->remove_done_callback(cb);
            // The inner task must not run on after wait_for returns (bpo-32751).
            Outcome c = co_await delegate(cancel_and_wait(loop, fut));
            result = c.ok() ? w : raised_while_handling(std::move(c), w.exc);
        } else {
            result = w;
        }
    } else if (fut->done()) {
        result = fut->result();
    } else {
        fut->remove_done_callback(cb);
        Outcome c = co_await delegate(cancel_and_wait(loop, fut));
        if (!c.ok()) {
            result = c;
        } else {
            // A cancellation the inner task turned into another exception is re-raised
            // (bpo-40607); a plain cancellation becomes TimeoutError.
            Outcome r = fut->result();
            result = is_cancelled_error(r) ? timeout_error_from(r.exc) : r;
        }
    }
    timeout_handle->cancel();  // finally:
    co_return result;
}

Native wait_for_312(EventLoop& loop, Value arg, std::optional<double> timeout) {
    // tasks.wait_for (3.12+): no task of its own for a coroutine; the timeout cancels the
    // caller's task and its __aexit__ turns that into TimeoutError.
    if (timeout && *timeout <= 0) co_return co_await delegate(native(wait_for_now(loop, arg), "wait_for"));

    Ref<Timeout> cm = rt::timeout(loop, timeout);
    Outcome entered = co_await delegate(cm->aenter());
    if (!entered.ok()) co_return entered;
    Outcome body = co_await awaitable(arg);
    Outcome exited = co_await delegate(cm->aexit(body.exc));
    if (body.exc) exited = raised_while_handling(std::move(exited), body.exc);
    co_return async_with_outcome(std::move(body), exited);
}

}  // namespace

Ref<Coroutine> cancel_and_wait(EventLoop& loop, Ref<Future> fut) {
    return native(cancel_and_wait_body(loop, std::move(fut)), "_cancel_and_wait");
}

Ref<Coroutine> wait_for(EventLoop& loop, Value fut, std::optional<double> timeout) {
    if (loop.semantics().wait_for_uses_timeout()) return native(wait_for_312(loop, std::move(fut), timeout), "wait_for");
    return native(wait_for_311(loop, std::move(fut), timeout), "wait_for");
}

}  // namespace tl::rt
