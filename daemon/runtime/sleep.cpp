// tasks.sleep and tasks.__sleep0 as a native coroutine.
#include "daemon/runtime/sleep.h"

#include <cmath>

#include "daemon/runtime/native_coro.h"

namespace tl::rt {

namespace {

Native sleep_body(EventLoop& loop, double delay, Value result) {
    if (delay <= 0) {
        Outcome o = co_await bare_yield();
        if (!o.ok()) co_return o;
        co_return Outcome::ok(result);
    }
    if (std::isnan(delay)) {
        co_return Outcome::raise(make_exception(exc_types().ValueError, "Invalid delay: NaN (not a number)"));
    }
    Ref<Future> fut(new Future(&loop));
    fut->label = "sleep";
    Ref<TimerHandle> h = loop.call_later_fn(delay, [fut, result]() {
        set_result_unless_cancelled(fut.get(), result);
    });
    Outcome o = co_await fut;
    h->cancel();  // the `finally: h.cancel()`
    co_return o;
}

}  // namespace

Ref<Coroutine> sleep(EventLoop& loop, double delay, Value result) {
    return native(sleep_body(loop, delay, std::move(result)), "sleep");
}

}  // namespace tl::rt
