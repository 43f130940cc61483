// tasks.shield: an outer Future that mirrors the inner one through two done-callbacks,
// so cancelling the outer (the awaiting task's cancel) never reaches the inner.
#include "daemon/runtime/combinators.h"

namespace tl::rt {

namespace {

// The closure shared by shield's _inner_done_callback and _outer_done_callback.
struct ShieldState final : Object {
    ShieldState(Ref<Future> i, Ref<Future> o) : Object(object_type()), inner(std::move(i)), outer(std::move(o)) {}
    Ref<Future> inner;
    Ref<Future> outer;
};

// tasks._log_on_exception (3.14): one module-level function, so a Null target makes every
// shield's registration of it compare equal, as CPython's remove-then-add relies on.
void log_on_exception(Object*, Future* fut) {
    if (fut->cancelled()) return;
    Outcome e = fut->exception();
    if (!e.ok() || e.value.is_none() || !e.value.is_obj()) return;
    ExcRef exc(e.value.obj_as<ExceptionObject>());
    fut->loop()->report_callback_error(exc->type_name() + " exception in shielded future", exc);
}

void inner_done_callback(Object* self, Future* inner) {
    // shield._inner_done_callback
    auto* st = static_cast<ShieldState*>(self);
    Future* outer = st->outer.get();
    if (outer->cancelled()) {
        // Up to 3.13 the inner's outcome is marked retrieved here; 3.14 logs it instead
        // (through _log_on_exception, registered by _outer_done_callback).
        if (!inner->loop()->semantics().shield_logs_orphaned_exception() && !inner->cancelled()) {
            inner->exception();
        }
        return;
    }
    if (inner->cancelled()) {
        EventLoop::CauseScope cs(*inner->loop(), Cause{CauseKind::Shield, nullptr});
        outer->cancel();
    } else {
        Outcome e = inner->exception();
        if (e.ok() && e.value.is_obj()) {
            outer->set_exception(ExcRef(e.value.obj_as<ExceptionObject>()));
        } else {
            outer->set_result(inner->result().value);
        }
    }
}

void outer_done_callback(Object* self, Future*) {
    // shield._outer_done_callback
    auto* st = static_cast<ShieldState*>(self);
    Future* inner = st->inner.get();
    if (!inner->done()) {
        inner->remove_done_callback(DoneCallback{&inner_done_callback, Value(st)});
        if (inner->loop()->semantics().shield_logs_orphaned_exception()) {
            // "Keep only one callback to log on cancel" (3.14).
            DoneCallback log{&log_on_exception, Value()};
            inner->remove_done_callback(log);
            inner->add_done_callback(log);
        }
    }
}

}  // namespace

Outcome shield(EventLoop& loop, const Value& arg) {
    // tasks.shield. 3.14 also records the awaited-by graph here (future_add_to_awaited_by
    // and a done-callback that clears it); that callback has no observable effect on
    // cancellation and is not ported.
    Outcome f = ensure_future(loop, arg);
    if (!f.ok()) return f;
    Ref<Future> inner = future_of(f.value);
    if (inner->done()) return f;  // the shortcut: the inner future itself
    Ref<Future> outer(new Future(&loop));
    Ref<ShieldState> st(new ShieldState(inner, outer));
    inner->add_done_callback(DoneCallback{&inner_done_callback, Value(st)});
    outer->add_done_callback(DoneCallback{&outer_done_callback, Value(st)});
    return Outcome::ok(Value(outer));
}

}  // namespace tl::rt
