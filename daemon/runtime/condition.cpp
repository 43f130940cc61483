// asyncio.Condition (locks.py): waiters released by notify(); wait() gives the lock up
// while it waits and always takes it back, even when cancelled. How a cancel during
// that re-acquire surfaces, and whether a notification is passed on when wait() fails,
// changed in 3.13 (the two condition_wait_* predicates in semantics.h).
#include "daemon/object/ops.h"
#include "daemon/runtime/locks.h"

namespace tl::rt::locks {

Type* condition_type() {
    static Type* t = [] {
        auto* ty = new Type("Condition", {context_manager_mixin_type(), loop_bound_mixin_type()}, Layout::Other);
        ty->module = "asyncio.locks";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

// Condition.__init__: exports the lock's locked/acquire/release.
Condition::Condition(EventLoop& loop, Ref<Lock> lock, Type* type)
    : ContextManagerMixin(type, loop), lock_(lock ? std::move(lock) : Ref<Lock>(new Lock(loop))) {}

// Condition.wait
Native Condition::wait_body(Ref<Condition> self) {
    const auto& E = exc_types();
    const Semantics& sem = self->loop_->semantics();
    if (!self->locked()) co_return Outcome::raise(make_exception(E.RuntimeError, "cannot wait on un-acquired lock"));

    // 3.13 creates the future before release(), 3.11/3.12 after: nothing observable
    // happens in between, so one order serves both.
    Ref<Future> fut = self->create_waiter("Condition.wait");
    self->release();
    self->waiters_.push_back(fut);
    Outcome body = co_await fut;
    remove_waiter(self->waiters_, fut.get());
    if (body.ok()) body = Outcome::ok(Value::boolean(true));

    // The `finally`: re-acquire the lock whatever happened, retrying through cancels.
    ExcRef last_cancel;
    Outcome result;
    for (;;) {
        Outcome a = co_await delegate(self->acquire());
        if (a.ok()) {
            result = std::move(body);
            break;
        }
        if (!a.exc->is_instance(E.CancelledError)) {
            result = std::move(a);  // another error leaves the finally at once
            last_cancel = nullptr;
            break;
        }
        last_cancel = a.exc;
    }
    if (last_cancel) {
        if (sem.condition_wait_reraises_caught_cancel()) {
            result = Outcome::raise(std::move(last_cancel));  // `raise err`
        } else {
            // `raise exceptions.CancelledError`: a new instance; its __context__ is the
            // exception the finally was handling, if any.
            ExcRef fresh = make_exception(E.CancelledError);
            if (!body.ok()) fresh->context = body.exc;
            result = Outcome::raise(std::move(fresh));
        }
    }
    // 3.13's `except BaseException`: we may have been notified already; pass it on.
    if (!result.ok() && sem.condition_wait_passes_notify_on()) self->notify_waiters(1);
    co_return result;
}

Ref<Coroutine> Condition::wait() { return native(wait_body(Ref<Condition>(this)), "Condition.wait"); }

// Condition.wait_for
Native Condition::wait_for_body(Ref<Condition> self, Predicate predicate, Truth truth) {
    if (!truth) truth = truthy;  // bool(result), the data model's
    Outcome result = predicate();
    for (;;) {
        if (!result.ok()) co_return result;
        Outcome t = truth(result.value);
        if (!t.ok()) co_return t;
        if (t.value.is_bool() && t.value.as_bool()) co_return result;
        Outcome w = co_await delegate(self->wait());
        if (!w.ok()) co_return w;
        result = predicate();
    }
}

Ref<Coroutine> Condition::wait_for(Predicate predicate, Truth truth) {
    return native(wait_for_body(Ref<Condition>(this), std::move(predicate), truth), "Condition.wait_for");
}

// Condition.notify
Outcome Condition::notify(int64_t n) {
    if (!locked()) return Outcome::raise(make_exception(exc_types().RuntimeError, "cannot notify on un-acquired lock"));
    notify_waiters(n);
    return Outcome::ok(Value::none());
}

// Condition._notify (3.13 split it out of notify(); the loop is the same in every version):
// wakes the first n waiters not already done.
void Condition::notify_waiters(int64_t n) {
    int64_t idx = 0;
    for (auto& fut : waiters_) {
        if (idx >= n) break;
        if (!fut->done()) {
            ++idx;
            fut->set_result(Value::boolean(false));
        }
    }
}

// Condition.notify_all
Outcome Condition::notify_all() { return notify(static_cast<int64_t>(waiters_.size())); }

// Condition.__repr__'s bracket.
std::string Condition::repr_extra() const {
    std::string extra = locked() ? "locked" : "unlocked";
    if (!waiters_.empty()) extra += ", waiters:" + std::to_string(waiters_.size());
    return "[" + extra + "]";
}

}  // namespace tl::rt::locks
