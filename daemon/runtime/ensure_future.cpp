// tasks.ensure_future: the one place that turns a combinator's argument into a Future,
// so shield, gather, wait_for and the interpreter's binding agree on what is accepted.
#include "daemon/runtime/combinators.h"

#include "daemon/runtime/task.h"

namespace tl::rt {

Outcome ensure_future(EventLoop& loop, const Value& coro_or_future) {
    // tasks._ensure_future (3.11) / ensure_future (3.12+)
    const auto& E = exc_types();
    if (coro_or_future.is_obj()) {
        Object* o = coro_or_future.as_obj();
        if (o->type()->is_subtype(future_type())) {
            if (static_cast<Future*>(o)->loop() != &loop) {
                return Outcome::raise(make_exception(
                    E.ValueError,
                    "The future belongs to a different loop than the one specified as the loop argument"));
            }
            return Outcome::ok(coro_or_future);
        }
        if (o->type()->layout() == Layout::Coroutine) {
            Ref<Task> t = create_task(loop, Ref<Coroutine>(static_cast<Coroutine*>(o)));
            return Outcome::ok(Value(t));
        }
    }
    return Outcome::raise(make_exception(E.TypeError, "An asyncio.Future, a coroutine or an awaitable is required"));
}

}  // namespace tl::rt
