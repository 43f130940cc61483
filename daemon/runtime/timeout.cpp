// Timeout's state machine, as timeouts.py's Timeout (reschedule, __aenter__, __aexit__,
// _on_timeout, _insert_timeout_error), with the observer calls TRACE.md places around them.
#include "daemon/runtime/timeout.h"

#include <algorithm>
#include <cmath>

#include "daemon/object/float_repr.h"
#include "daemon/runtime/async_with.h"
#include "daemon/runtime/native_coro.h"
#include "daemon/runtime/task.h"

namespace tl::rt {

Type* timeout_type() {
    static Type* t = [] {
        auto* ty = new Type("Timeout", {}, Layout::Other);
        ty->module = "asyncio.timeouts";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

namespace {

const char* state_value(Timeout::State s) {
    // timeouts._State values
    switch (s) {
        case Timeout::State::Created: return "created";
        case Timeout::State::Entered: return "active";
        case Timeout::State::Expiring: return "expiring";
        case Timeout::State::Expired: return "expired";
        case Timeout::State::Exited: return "finished";
    }
    return "?";
}

Outcome runtime_error(const std::string& msg) {
    return Outcome::raise(make_exception(exc_types().RuntimeError, msg));
}

void pop_scope(Task* task, Scope* scope) {
    if (!task) return;
    auto& stack = task->scopes();
    // Normally the innermost; a misnested manual exit still removes the right entry.
    auto it = std::find(stack.rbegin(), stack.rend(), scope);
    if (it != stack.rend()) stack.erase(std::next(it).base());
}

}  // namespace

Timeout::Timeout(EventLoop& loop, std::optional<double> when)
    : Scope(timeout_type(), Kind::Timeout, EventLoop::numbered_name("Timeout-", loop.next_timeout_number())),
      loop_(loop),
      when_(when) {}

Timeout::~Timeout() {
    if (timeout_handler_) timeout_handler_->cancel();
}

const char* Timeout::state_name() const { return state_value(state_); }

std::string Timeout::repr() const {
    // Timeout.__repr__: the deadline rounded to 3 digits, shown only while active.
    std::string info;
    if (state_ == State::Entered) {
        info = " when=";
        info += when_ ? float_repr(std::round(*when_ * 1000.0) / 1000.0) : "None";
    }
    return std::string("<Timeout [") + state_value(state_) + "]" + info + ">";
}

Outcome Timeout::reschedule(std::optional<double> when) {
    Outcome o = reschedule_impl(when);
    if (o.ok() && loop_.observer()) {
        Event e{EventKind::TimeoutReschedule};
        e.scope = this;
        e.when = when_;
        loop_.emit(e);
    }
    return o;
}

Outcome Timeout::reschedule_impl(std::optional<double> when) {
    // Timeout.reschedule
    if (state_ != State::Entered) {
        if (state_ == State::Created) return runtime_error("Timeout has not been entered");
        return runtime_error(std::string("Cannot change state of ") + state_value(state_) + " Timeout");
    }
    when_ = when;
    if (timeout_handler_) timeout_handler_->cancel();
    if (!when) {
        timeout_handler_ = nullptr;
    } else {
        Ref<Timeout> self(this);
        // A deadline at or before now fires through call_soon, on the next pass.
        if (*when <= loop_.time()) {
            timeout_handler_ = loop_.call_soon_fn([self]() { self->on_timeout(); });
        } else {
            timeout_handler_ = loop_.call_at_fn(*when, [self]() { self->on_timeout(); });
        }
    }
    return Outcome::ok(Value::none());
}

void Timeout::on_timeout() {
    // Timeout._on_timeout; its `assert state is ENTERED` holds because every other state
    // cancelled the handler first.
    if (state_ != State::Entered || !owner_) return;
    if (loop_.observer()) {
        Event e{EventKind::TimeoutExpire};
        e.scope = this;
        e.task = owner_.get();
        loop_.emit(e);
    }
    {
        EventLoop::CauseScope cs(loop_, Cause{CauseKind::Timeout, this});
        owner_->cancel();
    }
    state_ = State::Expiring;
    timeout_handler_ = nullptr;  // drop the reference early
}

Outcome Timeout::enter() {
    // Timeout.__aenter__
    if (state_ != State::Created) return runtime_error("Timeout has already been entered");
    Task* task = loop_.current_task();
    if (!task) return runtime_error("Timeout should be used inside a task");
    state_ = State::Entered;
    owner_ = Ref<Task>(task);
    task_ = task;
    cancelling_ = task->cancelling();
    Outcome o = reschedule_impl(when_);  // arming is part of entering: no reschedule event
    if (!o.ok()) return o;
    task->scopes().push_back(this);
    if (loop_.observer()) {
        Event e{EventKind::TimeoutEnter};
        e.scope = this;
        e.task = task;
        e.when = when_;
        loop_.emit(e);
    }
    return Outcome::ok(Value(this));
}

void Timeout::insert_timeout_error(ExceptionObject* exc_val) {
    // Timeout._insert_timeout_error (3.13): put a TimeoutError between the exception and
    // the first CancelledError of its context chain.
    const auto& E = exc_types();
    while (exc_val->context) {
        if (exc_val->context->is_instance(E.CancelledError)) {
            ExcRef te = make_exception(E.TimeoutError);
            te->context = exc_val->context;
            te->cause = exc_val->context;
            te->suppress_context = true;  // assigning __cause__ sets it
            exc_val->context = te;
            break;
        }
        exc_val = exc_val->context.get();
    }
}

Outcome Timeout::exit(const ExcRef& exc) {
    // Timeout.__aexit__
    const auto& E = exc_types();
    Outcome result = Outcome::ok(Value::none());
    if (state_ != State::Entered && state_ != State::Expiring) {
        result = Outcome::raise(make_exception(E.AssertionError));
        report_exit(nullptr, exc, result);
        return result;
    }
    if (timeout_handler_) {
        timeout_handler_->cancel();
        timeout_handler_ = nullptr;
    }
    Ref<Task> task = owner_;
    if (state_ == State::Expiring) {
        state_ = State::Expired;
        int left;
        {
            EventLoop::CauseScope cs(loop_, Cause{CauseKind::Timeout, this});
            left = task->uncancel();
        }
        // No new cancel requests since __aenter__: this cancellation is ours to handle.
        if (left <= cancelling_ && exc) {
            bool convert = loop_.semantics().timeout_converts_subclasses()
                               ? exc->is_instance(E.CancelledError)
                               : exc->type() == E.CancelledError;
            if (convert) {
                // raise TimeoutError from exc_val
                ExcRef te = make_exception(E.TimeoutError);
                te->cause = exc;
                te->suppress_context = true;
                set_implicit_context(te.get(), exc.get());
                result = Outcome::raise(te);
            } else if (loop_.semantics().timeout_converts_subclasses()) {
                insert_timeout_error(exc.get());
                if (exc->type()->is_subtype(E.ExceptionGroup)) {
                    for (auto& member : exc->group_members) insert_timeout_error(member.get());
                }
            }
        }
    } else if (state_ == State::Entered) {
        state_ = State::Exited;
    }
    pop_scope(task.get(), this);
    // Breaks task -> frame -> Timeout -> task (CPython's GC would); nothing reads it again.
    owner_ = nullptr;
    task_ = nullptr;
    report_exit(task.get(), exc, result);
    return result;
}

void Timeout::report_exit(Task* task, const ExcRef& exc, const Outcome& result) {
    if (!loop_.observer()) return;
    Event e{EventKind::TimeoutExit};
    e.scope = this;
    e.task = task;
    e.expired = expired();
    e.exc_type = leaving_exception_type(exc, result);
    loop_.emit(e);
}

namespace {

Native aenter_body(Ref<Timeout> self) { co_return self->enter(); }
Native aexit_body(Ref<Timeout> self, ExcRef exc) { co_return self->exit(exc); }

}  // namespace

Ref<Coroutine> Timeout::aenter() { return native(aenter_body(Ref<Timeout>(this)), "Timeout.__aenter__"); }

Ref<Coroutine> Timeout::aexit(ExcRef exc) {
    return native(aexit_body(Ref<Timeout>(this), std::move(exc)), "Timeout.__aexit__");
}

Ref<Timeout> timeout(EventLoop& loop, std::optional<double> delay) {
    // timeouts.timeout: loop.time() + delay, computed in doubles as CPython does.
    std::optional<double> when;
    if (delay) when = loop.time() + *delay;
    return Ref<Timeout>(new Timeout(loop, when));
}

Ref<Timeout> timeout_at(EventLoop& loop, std::optional<double> when) {
    return Ref<Timeout>(new Timeout(loop, when));
}

}  // namespace tl::rt
