// asyncio.Lock (locks.py) and the _ContextManagerMixin behind `async with`: a fair lock
// whose release wakes the first waiter; a waiter woken then cancelled before it took the
// lock wakes the next one (_wake_up_first from the except clause).
#include "daemon/runtime/locks.h"

namespace tl::rt::locks {

Type* context_manager_mixin_type() {
    static Type* t = [] {
        auto* ty = new Type("_ContextManagerMixin", {}, Layout::Other);
        ty->module = "asyncio.locks";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

Type* lock_type() {
    static Type* t = [] {
        auto* ty = new Type("Lock", {context_manager_mixin_type(), loop_bound_mixin_type()}, Layout::Other);
        ty->module = "asyncio.locks";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

namespace {

// _ContextManagerMixin.__aenter__
Native aenter_body(Ref<ContextManagerMixin> self) {
    Outcome o = co_await delegate(self->acquire());
    if (!o.ok()) co_return o;
    co_return Outcome::ok(Value::none());
}

// _ContextManagerMixin.__aexit__
Native aexit_body(Ref<ContextManagerMixin> self) {
    Outcome o = self->release();
    if (!o.ok()) co_return o;
    co_return Outcome::ok(Value::none());
}

}  // namespace

Ref<Coroutine> ContextManagerMixin::aenter() {
    return native(aenter_body(Ref<ContextManagerMixin>(this)), "_ContextManagerMixin.__aenter__");
}

Ref<Coroutine> ContextManagerMixin::aexit() {
    return native(aexit_body(Ref<ContextManagerMixin>(this)), "_ContextManagerMixin.__aexit__");
}

// Lock.acquire: the same logic in 3.11-3.14 (only comments changed).
Native Lock::acquire_body(Ref<Lock> self) {
    // Fair scheduling: take the lock at once only when nobody live is queued.
    bool all_cancelled = true;
    for (auto& w : self->waiters_) {
        if (!w->cancelled()) {
            all_cancelled = false;
            break;
        }
    }
    if (!self->locked_ && all_cancelled) {
        self->locked_ = true;
        co_return Outcome::ok(Value::boolean(true));
    }

    Ref<Future> fut = self->create_waiter("Lock.acquire");
    self->waiters_.push_back(fut);
    Outcome o = co_await fut;
    // The inner `finally` runs before the except clause, so a cancelled waiter is gone
    // from _waiters before _wake_up_first() looks at the head (it must not wake itself).
    remove_waiter(self->waiters_, fut.get());
    if (!o.ok()) {
        if (o.exc->is_instance(exc_types().CancelledError)) {
            // Keep the invariant: an unclaimed lock with waiters has its head woken.
            if (!self->locked_) self->wake_up_first();
        }
        co_return o;
    }
    self->locked_ = true;
    co_return Outcome::ok(Value::boolean(true));
}

Ref<Coroutine> Lock::acquire() { return native(acquire_body(Ref<Lock>(this)), "Lock.acquire"); }

// Lock.release
Outcome Lock::release() {
    if (!locked_) return Outcome::raise(make_exception(exc_types().RuntimeError, "Lock is not acquired."));
    locked_ = false;
    wake_up_first();
    return Outcome::ok(Value::none());
}

// Lock._wake_up_first: a head that is already done will wake anyway (and, if it was
// cancelled, will call this again from its except clause).
void Lock::wake_up_first() {
    if (waiters_.empty()) return;
    Ref<Future> fut = waiters_.front();
    if (!fut->done()) fut->set_result(Value::boolean(true));
}

// Lock.__repr__'s bracket.
std::string Lock::repr_extra() const {
    std::string extra = locked_ ? "locked" : "unlocked";
    if (!waiters_.empty()) extra += ", waiters:" + std::to_string(waiters_.size());
    return "[" + extra + "]";
}

}  // namespace tl::rt::locks
