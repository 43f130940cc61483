// asyncio.Event (locks.py): a flag; wait() blocks until set() wakes every waiter. A
// cancelled wait() leaves no future behind in _waiters.
#include "daemon/runtime/locks.h"

namespace tl::rt::locks {

Type* loop_bound_mixin_type() {
    static Type* t = [] {
        auto* ty = new Type("_LoopBoundMixin", {}, Layout::Other);
        ty->module = "asyncio.mixins";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

Type* event_type() {
    static Type* t = [] {
        auto* ty = new Type("Event", {loop_bound_mixin_type()}, Layout::Other);
        ty->module = "asyncio.locks";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

bool remove_waiter(WaiterDeque& waiters, const Future* fut) {
    for (auto it = waiters.begin(); it != waiters.end(); ++it) {
        if (it->get() == fut) {
            waiters.erase(it);
            return true;
        }
    }
    return false;
}

// Event.set: every waiter not already done gets True.
void Event::set() {
    if (value_) return;
    value_ = true;
    // set_result only schedules callbacks, so the deque cannot change under the loop.
    for (auto& fut : waiters_) {
        if (!fut->done()) fut->set_result(Value::boolean(true));
    }
}

// Event.wait
Native Event::wait_body(Ref<Event> self) {
    if (self->value_) co_return Outcome::ok(Value::boolean(true));
    Ref<Future> fut = self->create_waiter("Event.wait");
    self->waiters_.push_back(fut);
    Outcome o = co_await fut;
    remove_waiter(self->waiters_, fut.get());  // the `finally`
    if (!o.ok()) co_return o;
    co_return Outcome::ok(Value::boolean(true));
}

Ref<Coroutine> Event::wait() { return native(wait_body(Ref<Event>(this)), "Event.wait"); }

// Event.__repr__'s bracket.
std::string Event::repr_extra() const {
    std::string extra = value_ ? "set" : "unset";
    if (!waiters_.empty()) extra += ", waiters:" + std::to_string(waiters_.size());
    return "[" + extra + "]";
}

}  // namespace tl::rt::locks
