// asyncio.Semaphore and BoundedSemaphore (locks.py): a counter with FIFO waiters. The
// wake-up bookkeeping (who decrements _value, who re-wakes whom after a cancel) was
// rewritten in 3.13; Semantics::semaphore_wakes_in_finally() selects the version.
#include "daemon/runtime/locks.h"

namespace tl::rt::locks {

Type* semaphore_type() {
    static Type* t = [] {
        auto* ty = new Type("Semaphore", {context_manager_mixin_type(), loop_bound_mixin_type()}, Layout::Other);
        ty->module = "asyncio.locks";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

Type* bounded_semaphore_type() {
    static Type* t = [] {
        auto* ty = new Type("BoundedSemaphore", {semaphore_type()}, Layout::Other);
        ty->module = "asyncio.locks";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

// Semaphore.__init__
Outcome Semaphore::make(EventLoop& loop, int64_t value) {
    if (value < 0) {
        return Outcome::raise(make_exception(exc_types().ValueError, "Semaphore initial value must be >= 0"));
    }
    return Outcome::ok(Value(new Semaphore(loop, value, semaphore_type())));
}

// Semaphore.locked: also true while a live waiter is queued (FIFO: nobody jumps it).
bool Semaphore::locked() const {
    if (value_ == 0) return true;
    for (auto& w : waiters_) {
        if (!w->cancelled()) return true;
    }
    return false;
}

// Semaphore.acquire
Native Semaphore::acquire_body(Ref<Semaphore> self) {
    if (!self->locked()) {
        self->value_ -= 1;
        co_return Outcome::ok(Value::boolean(true));
    }
    const bool rewake_in_finally = self->loop_->semantics().semaphore_wakes_in_finally();

    Ref<Future> fut = self->create_waiter("Semaphore.acquire");
    self->waiters_.push_back(fut);
    Outcome o = co_await fut;
    remove_waiter(self->waiters_, fut.get());  // inner `finally`, before the except clause

    if (rewake_in_finally) {
        // 3.13: a woken waiter (its _wake_up_next already took a unit) that will not
        // acquire gives the unit back; then the outer `finally` wakes as many as allowed.
        if (!o.ok() && o.exc->is_instance(exc_types().CancelledError)) {
            if (fut->done() && !fut->cancelled()) self->value_ += 1;
        }
        while (self->value_ > 0) {
            if (!self->wake_up_next()) break;
        }
        if (!o.ok()) co_return o;
        co_return Outcome::ok(Value::boolean(true));
    }

    // 3.11/3.12
    if (!o.ok()) {
        if (o.exc->is_instance(exc_types().CancelledError) && !fut->cancelled()) {
            self->value_ += 1;
            self->wake_up_next();
        }
        co_return o;
    }
    if (self->value_ > 0) self->wake_up_next();
    co_return Outcome::ok(Value::boolean(true));
}

Ref<Coroutine> Semaphore::acquire() {
    return native(acquire_body(Ref<Semaphore>(this)), "Semaphore.acquire");
}

// Semaphore.release
Outcome Semaphore::semaphore_release() {
    value_ += 1;
    wake_up_next();
    return Outcome::ok(Value::none());
}

Outcome Semaphore::release() { return semaphore_release(); }

// Semaphore._wake_up_next: the first waiter not yet done takes a unit now. (Its bool
// result is 3.13's; 3.11/3.12 ignore it.)
bool Semaphore::wake_up_next() {
    for (auto& fut : waiters_) {
        if (!fut->done()) {
            value_ -= 1;
            fut->set_result(Value::boolean(true));
            return true;
        }
    }
    return false;
}

// Semaphore.__repr__'s bracket.
std::string Semaphore::repr_extra() const {
    std::string extra = locked() ? "locked" : "unlocked, value:" + std::to_string(value_);
    if (!waiters_.empty()) extra += ", waiters:" + std::to_string(waiters_.size());
    return "[" + extra + "]";
}

// BoundedSemaphore.__init__
Outcome BoundedSemaphore::make(EventLoop& loop, int64_t value) {
    if (value < 0) {
        return Outcome::raise(make_exception(exc_types().ValueError, "Semaphore initial value must be >= 0"));
    }
    return Outcome::ok(Value(new BoundedSemaphore(loop, value)));
}

// BoundedSemaphore.release
Outcome BoundedSemaphore::release() {
    if (value() >= bound_value_) {
        return Outcome::raise(make_exception(exc_types().ValueError, "BoundedSemaphore released too many times"));
    }
    return semaphore_release();
}

}  // namespace tl::rt::locks
