// asyncio.Future, ported from futures.py (_PyFuture): three states, callbacks that are
// always scheduled with call_soon in registration order, cancel(msg), and the saved
// CancelledError handed out once by _make_cancelled_error.
#pragma once

#include <string>
#include <vector>

#include "daemon/object/callable.h"
#include "daemon/object/exception.h"
#include "daemon/object/outcome.h"
#include "daemon/runtime/event_loop.h"
#include "daemon/runtime/object_pool.h"

namespace tl::rt {

Type* future_type();

class Future;

// A done-callback: a native function with its bound object, or a Python callable.
struct DoneCallback {
    using NativeFn = void (*)(Object* self, Future* fut);
    NativeFn native = nullptr;
    Value target;  // native: the bound object; otherwise the Python callable
};

// A future's callback list: made per await, so its buffer comes from the runtime's pool.
using DoneCallbacks = std::vector<DoneCallback, PoolAllocator<DoneCallback>>;

class Future : public Object {
public:
    TL_POOLED_ALLOCATION

    enum class State : uint8_t { Pending, Cancelled, Finished };

    explicit Future(EventLoop* loop, Type* type = future_type()) : Object(type), loop_(loop) {}
    ~Future() override = default;

    EventLoop* loop() const { return loop_; }
    State state() const { return state_; }
    bool done() const { return state_ != State::Pending; }
    bool cancelled() const { return state_ == State::Cancelled; }

    // Future.cancel(msg): virtual because Task.cancel differs.
    virtual bool cancel(Value msg = Value::none());
    // set_result / set_exception: InvalidStateError outcome when already done.
    virtual Outcome set_result(Value v);
    virtual Outcome set_exception(ExcRef exc);

    // Future.result() / exception(): raises as an Outcome.
    Outcome result();
    Outcome exception();

    void add_done_callback(DoneCallback cb);
    // Removes every callback equal to `fn` (Python callables compared by `==` through
    // the interpreter's hook, native ones by function and target).
    size_t remove_done_callback(const DoneCallback& cb);
    size_t callback_count() const { return callbacks_.size(); }
    // FutureObj_clear (tp_clear): drops the callbacks, for the end-of-run teardown of a
    // future still pending when its run ends (a callback can close a reference cycle).
    void clear_callbacks() { callbacks_.clear(); }

    // _asyncio_future_blocking: set by __await__ before yielding the future to a task.
    // (The flags come first: they fill the padding after Object's refcount.)
    bool asyncio_future_blocking = false;

protected:
    State state_ = State::Pending;
    bool log_traceback_ = false;

public:
    // Future.__log_traceback: an exception nobody retrieved (diagnostics).
    bool log_traceback() const { return log_traceback_; }

    const Value& cancel_message() const { return cancel_message_; }
    const ExcRef& stored_exception() const { return exception_; }
    const Value& stored_result() const { return result_; }

    // Future._make_cancelled_error
    ExcRef make_cancelled_error();

    // What it is, for the inspector's "waiting on" (e.g. "sleep(0.5)", "Event.wait").
    const char* label = nullptr;

protected:
    // The plain Future.cancel, for Task's use (super().cancel()).
    bool future_cancel(Value msg);
    Outcome future_set_result(Value v);
    Outcome future_set_exception(ExcRef exc);
    void schedule_callbacks();

    EventLoop* loop_;
    Value result_ = Value::none();
    ExcRef exception_;
    Value cancel_message_ = Value::none();
    ExcRef cancelled_exc_;
    DoneCallbacks callbacks_;
};

// Hook for `==` between Python callables (bound methods compare by self and function).
using CallableEqHook = bool (*)(const Value& a, const Value& b);
void set_callable_eq_hook(CallableEqHook hook);

// futures._set_result_unless_cancelled
void set_result_unless_cancelled(Future* fut, Value result);

// Schedules cb(fut) on the loop (used when a callback is added to a done future).
void schedule_done_callback(EventLoop* loop, const DoneCallback& cb, Future* fut);

}  // namespace tl::rt
