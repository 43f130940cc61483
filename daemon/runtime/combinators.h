// asyncio's combinators from tasks.py: ensure_future, shield, gather, wait_for and wait,
// ported function by function. They take Values (a Future/Task, or a Coroutine that
// ensure_future wraps in a Task) so the interpreter can bind them as they are.
#pragma once

#include <optional>
#include <vector>

#include "daemon/object/outcome.h"
#include "daemon/runtime/coroutine.h"
#include "daemon/runtime/event_loop.h"
#include "daemon/runtime/future.h"

namespace tl::rt {

// tasks.ensure_future / _ensure_future: a Future (or Task) is returned as it is; a
// Coroutine becomes loop.create_task(coro). Anything else is a TypeError: objects with
// __await__ are the interpreter's to wrap in a Coroutine before calling this.
// The Outcome's value is the Future.
Outcome ensure_future(EventLoop& loop, const Value& coro_or_future);

// The Future inside a Value known to hold one (what ensure_future/shield/gather return).
inline Ref<Future> future_of(const Value& v) { return Ref<Future>(v.obj_as<Future>()); }

// tasks.shield(arg): returns the inner future itself when it is already done, else a new
// outer Future that follows the inner one; cancelling the outer leaves the inner running.
Outcome shield(EventLoop& loop, const Value& arg);

// tasks._GatheringFuture: cancel() cancels every child instead of the future itself, and
// remembers that a cancel was requested so the result becomes a CancelledError.
Type* gathering_future_type();
class GatheringFuture final : public Future {
public:
    GatheringFuture(EventLoop* loop, std::vector<Ref<Future>> children);
    bool cancel(Value msg = Value::none()) override;
    const std::vector<Ref<Future>>& children() const { return children_; }
    bool cancel_requested() const { return cancel_requested_; }

private:
    std::vector<Ref<Future>> children_;
    bool cancel_requested_ = false;
};

// tasks.gather(*coros_or_futures, return_exceptions=...): children are wrapped with
// ensure_future in argument order (a repeated argument is one child, listed twice in the
// results); the value is a GatheringFuture whose result is a list, in argument order.
// An error wrapping an argument (TypeError) is returned as the Outcome's exception.
Outcome gather(EventLoop& loop, const std::vector<Value>& coros_or_futures, bool return_exceptions = false);

// tasks.wait_for(fut, timeout): 3.11's own waiter/timer/_cancel_and_wait design, or from
// 3.12 (Semantics::wait_for_uses_timeout) `async with timeout(timeout): return await fut`.
Ref<Coroutine> wait_for(EventLoop& loop, Value fut, std::optional<double> timeout);

// tasks.wait(fs, timeout=, return_when=). CPython returns two sets; here the coroutine
// returns a tuple of two lists (done, pending), each in the order the futures first
// appear in `fs` (duplicates dropped, as set(fs) does). Coroutines in `fs` are a
// TypeError, as in CPython since 3.11.
enum class ReturnWhen : uint8_t { FirstCompleted, FirstException, AllCompleted };
const char* return_when_name(ReturnWhen w);  // "FIRST_COMPLETED", …
Ref<Coroutine> wait(EventLoop& loop, std::vector<Value> fs, std::optional<double> timeout = std::nullopt,
                    ReturnWhen return_when = ReturnWhen::AllCompleted);

// tasks._cancel_and_wait(fut): cancel `fut` and wait until it is done, through a waiter
// future so that the waiting itself stays cancellable.
Ref<Coroutine> cancel_and_wait(EventLoop& loop, Ref<Future> fut);

}  // namespace tl::rt
