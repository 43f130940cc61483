// TaskGroup's logic, as taskgroups.py's TaskGroup (__aenter__, __aexit__, create_task,
// _abort, _on_task_done) in its 3.11/3.12, 3.13 and 3.14 forms, with the observer calls
// TRACE.md places around them.
#include "daemon/runtime/task_group.h"

#include <algorithm>

#include "daemon/runtime/async_with.h"
#include "daemon/runtime/native_coro.h"
#include "daemon/runtime/task.h"

namespace tl::rt {

Type* task_group_type() {
    static Type* t = [] {
        auto* ty = new Type("TaskGroup", {}, Layout::Other);
        ty->module = "asyncio.taskgroups";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

// The native coroutines of __aenter__/__aexit__ need the group's private state.
struct TaskGroupAccess {
    static Native aenter_body(Ref<TaskGroup> self);
    static Native aexit_body(Ref<TaskGroup> self, ExcRef exc);
    static Native aexit_impl(Ref<TaskGroup> self, ExcRef exc);
};

namespace {

Outcome runtime_error(const std::string& msg) {
    return Outcome::raise(make_exception(exc_types().RuntimeError, msg));
}

}  // namespace

TaskGroup::TaskGroup(EventLoop& loop)
    : Scope(task_group_type(), Kind::TaskGroup, EventLoop::numbered_name("TaskGroup-", loop.next_taskgroup_number())),
      loop_(loop) {}

TaskGroup::~TaskGroup() = default;

std::string TaskGroup::repr() const {
    // TaskGroup.__repr__
    std::string info;
    if (!tasks_.empty()) info += " tasks=" + std::to_string(tasks_.size());
    if (!errors_.empty()) info += " errors=" + std::to_string(errors_.size());
    if (aborting_) {
        info += " cancelling";
    } else if (entered_) {
        info += " entered";
    }
    return "<TaskGroup" + info + ">";
}

const char* TaskGroup::state_name() const {
    if (aborting_) return "aborting";
    if (exiting_) return tasks_.empty() && !parent_task_ ? "finished" : "exiting";
    if (entered_) return "active";
    return "created";
}

std::vector<Task*> TaskGroup::children() const {
    std::vector<Task*> out;
    out.reserve(tasks_.size());
    tasks_.for_each([&](const Ref<Task>& t) { out.push_back(t.get()); });
    return out;
}

bool TaskGroup::is_base_error(const ExcRef& exc) const {
    // TaskGroup._is_base_error: KeyboardInterrupt and SystemExit stay special.
    const auto& E = exc_types();
    return exc->is_instance(E.SystemExit) || exc->is_instance(E.KeyboardInterrupt);
}

Outcome TaskGroup::enter() {
    // TaskGroup.__aenter__
    if (entered_) return runtime_error("TaskGroup " + repr() + " has already been entered");
    Task* parent = loop_.current_task();
    if (!parent) return runtime_error("TaskGroup " + repr() + " cannot determine the parent task");
    parent_task_ = Ref<Task>(parent);
    task_ = parent;
    entered_ = true;
    parent->scopes().push_back(this);
    if (loop_.observer()) {
        Event e{EventKind::TaskGroupEnter};
        e.scope = this;
        e.task = parent;
        loop_.emit(e);
    }
    return Outcome::ok(Value(this));
}

Outcome TaskGroup::create_task(Ref<Coroutine> coro, std::optional<std::string> name, bool eager_start) {
    // TaskGroup.create_task
    const Semantics& sem = loop_.semantics();
    const char* refused = nullptr;
    if (!entered_) {
        refused = " has not been entered";
    } else if (exiting_ && tasks_.empty()) {
        refused = " is finished";
    } else if (aborting_) {
        refused = " is shutting down";
    }
    if (refused) {
        std::string msg = "TaskGroup " + repr() + refused;
        if (sem.taskgroup_closes_rejected_coro() && coro) coro->close();
        return runtime_error(msg);
    }
    Ref<Task> task;
    if (sem.taskgroup_names_task_after_creation()) {
        // loop.create_task(coro) names it Task-N, then tasks._set_task_name(task, name).
        task = rt::create_task(loop_, std::move(coro), std::nullopt, eager_start);
        if (name) task->set_name(std::move(*name));
    } else if (eager_start && sem.task_factory_renames_to_none()) {
        // 3.13: loop.create_task(coro, name=name) goes through the task factory, which
        // names it Task-N; then task.set_name(name) runs even for None.
        task = rt::create_task(loop_, std::move(coro), std::nullopt, eager_start);
        task->set_name(name ? std::move(*name) : std::string("None"));
    } else {
        task = rt::create_task(loop_, std::move(coro), std::move(name), eager_start);
    }
    if (sem.taskgroup_eager_shortcut() && task->done()) {
        // 3.12/3.13: a child that finished eagerly is handled at once and never added.
        on_task_done(task.get());
    } else {
        tasks_.insert(task->serial(), task);
        task->add_done_callback(DoneCallback{&TaskGroup::on_task_done_cb, Value(this)});
    }
    return Outcome::ok(Value(task));
}

void TaskGroup::abort() {
    // TaskGroup._abort. CPython iterates a set; this project cancels in creation order.
    if (loop_.observer()) {
        Event e{EventKind::TaskGroupAbort};
        e.scope = this;
        loop_.emit(e);
    }
    aborting_ = true;
    std::vector<Ref<Task>> snapshot;
    snapshot.reserve(tasks_.size());
    tasks_.for_each([&](const Ref<Task>& t) { snapshot.push_back(t); });
    EventLoop::CauseScope cs(loop_, Cause{CauseKind::TaskGroup, this});
    for (auto& t : snapshot) {
        if (!t->done()) t->cancel();
    }
}

void TaskGroup::on_task_done_cb(Object* self, Future* fut) {
    static_cast<TaskGroup*>(self)->on_task_done(static_cast<Task*>(fut));
}

void TaskGroup::on_task_done(Task* task) {
    // TaskGroup._on_task_done
    Ref<TaskGroup> keep(this);
    Ref<Task> keep_task(task);
    tasks_.erase(task->serial());
    if (on_completed_fut_ && tasks_.empty() && !on_completed_fut_->done()) {
        on_completed_fut_->set_result(Value::boolean(true));
    }
    if (task->cancelled()) return;
    task->exception();  // marks the exception retrieved, as task.exception() does
    ExcRef exc = task->stored_exception();
    if (!exc) return;
    errors_.push_back(exc);
    if (is_base_error(exc) && !base_error_) base_error_ = exc;
    if (!parent_task_ || parent_task_->done()) {
        loop_.report_callback_error("Task " + task->name() + " has errored out but its parent task " +
                                        (parent_task_ ? parent_task_->name() : std::string("None")) +
                                        " is already completed",
                                    exc);
        return;
    }
    if (!aborting_ && !parent_cancel_requested_) {
        // The parent is not being cancelled: cancel it to interrupt the `async with` body,
        // and remember to uncancel it in __aexit__.
        abort();
        parent_cancel_requested_ = true;
        EventLoop::CauseScope cs(loop_, Cause{CauseKind::TaskGroup, this});
        parent_task_->cancel();
    }
}

void TaskGroup::report_exit(Task* parent, const ExcRef& exc, const Outcome& result) {
    if (!loop_.observer()) return;
    Event e{EventKind::TaskGroupExit};
    e.scope = this;
    e.task = parent;
    e.exc_type = leaving_exception_type(exc, result);
    loop_.emit(e);
}

Native TaskGroupAccess::aenter_body(Ref<TaskGroup> self) { co_return self->enter(); }

Native TaskGroupAccess::aexit_impl(Ref<TaskGroup> self, ExcRef exc) {
    // TaskGroup.__aexit__ (3.14: _aexit)
    const auto& E = exc_types();
    const Semantics& sem = self->loop_.semantics();
    // 3.13 uncancels the parent after waiting and counts CancelledError subclasses as
    // cancellation; 3.11/3.12 uncancel first and only know the exact class.
    const bool late = sem.taskgroup_late_uncancel();
    auto is_cancellation = [&](const ExcRef& e) {
        return late ? e->is_instance(E.CancelledError) : e->type() == E.CancelledError;
    };
    auto uncancel_parent = [&]() {
        EventLoop::CauseScope cs(self->loop_, Cause{CauseKind::TaskGroup, self.get()});
        return self->parent_task_->uncancel();
    };

    self->exiting_ = true;
    if (exc && self->is_base_error(exc) && !self->base_error_) self->base_error_ = exc;
    ExcRef propagate_cancellation_error;
    if (exc && is_cancellation(exc)) propagate_cancellation_error = exc;
    if (!late && self->parent_cancel_requested_) {
        // The flag means we *must* uncancel(); with no cancellation left, do not propagate.
        if (uncancel_parent() == 0) propagate_cancellation_error = nullptr;
    }
    if (exc && !self->aborting_) {
        // The parent is being cancelled, or the body raised: stop the children.
        self->abort();
    }
    // A loop, because the parent can be cancelled again while it waits here.
    while (!self->tasks_.empty()) {
        if (!self->on_completed_fut_) self->on_completed_fut_ = Ref<Future>(new Future(&self->loop_));
        Ref<Future> fut = self->on_completed_fut_;
        fut->label = "TaskGroup.__aexit__";
        Outcome o = co_await fut;
        if (!o.ok()) {
            if (!o.exc->is_instance(E.CancelledError)) co_return o;  // not what `except` catches
            if (!self->aborting_) {
                // The parent was cancelled while the children still run.
                propagate_cancellation_error = o.exc;
                self->abort();
            }
        }
        self->on_completed_fut_ = nullptr;
    }

    if (self->base_error_) {
        ExcRef b = self->base_error_;
        set_implicit_context(b.get(), exc.get());
        co_return Outcome::raise(b);
    }
    if (late && self->parent_cancel_requested_) {
        if (uncancel_parent() == 0) propagate_cancellation_error = nullptr;
    }
    // A CancelledError propagates unless there are other errors: those have priority.
    if (propagate_cancellation_error && self->errors_.empty()) {
        set_implicit_context(propagate_cancellation_error.get(), exc.get());
        co_return Outcome::raise(propagate_cancellation_error);
    }
    if (exc && !is_cancellation(exc)) self->errors_.push_back(exc);
    if (!self->errors_.empty()) {
        if (late && !self->parent_task_) {
            // __aexit__ without __aenter__: CPython fails on `None.cancelling()`.
            co_return Outcome::raise(make_exception(
                E.AttributeError, "'NoneType' object has no attribute 'cancelling'"));
        }
        if (late && self->parent_task_->cancelling()) {
            // Cancelled from outside the group too: uncancel + cancel keeps the count and
            // re-arms the cancellation for the parent's next await.
            EventLoop::CauseScope cs(self->loop_, Cause{CauseKind::TaskGroup, self.get()});
            self->parent_task_->uncancel();
            self->parent_task_->cancel();
        }
        std::vector<ExcRef> errors = std::move(self->errors_);
        self->errors_.clear();
        // raise BaseExceptionGroup(...) from None
        ExcRef me = make_exception_group("unhandled errors in a TaskGroup", std::move(errors));
        me->suppress_context = true;
        set_implicit_context(me.get(), exc.get());
        co_return Outcome::raise(me);
    }
    co_return Outcome::ok(Value::none());
}

Native TaskGroupAccess::aexit_body(Ref<TaskGroup> self, ExcRef exc) {
    Ref<Task> parent = self->parent_task_;
    Outcome result = co_await delegate(native(aexit_impl(self, exc), "TaskGroup._aexit"));
    if (parent) {
        auto& stack = parent->scopes();
        auto it = std::find(stack.rbegin(), stack.rend(), static_cast<Scope*>(self.get()));
        if (it != stack.rend()) stack.erase(std::next(it).base());
    }
    if (self->loop_.semantics().taskgroup_clears_errors_on_exit()) {
        self->errors_.clear();
        self->base_error_ = nullptr;
    }
    // Nothing reads the parent after __aexit__ (3.14 drops it too); dropping it breaks the
    // parent -> frame -> TaskGroup -> parent cycle that CPython's GC would collect.
    self->parent_task_ = nullptr;
    self->task_ = nullptr;
    self->report_exit(parent.get(), exc, result);
    co_return result;
}

Ref<Coroutine> TaskGroup::aenter() {
    return native(TaskGroupAccess::aenter_body(Ref<TaskGroup>(this)), "TaskGroup.__aenter__");
}

Ref<Coroutine> TaskGroup::aexit(ExcRef exc) {
    return native(TaskGroupAccess::aexit_body(Ref<TaskGroup>(this), std::move(exc)), "TaskGroup.__aexit__");
}

Ref<TaskGroup> make_task_group(EventLoop& loop) { return Ref<TaskGroup>(new TaskGroup(loop)); }

}  // namespace tl::rt
