// Task's step machine, as tasks.py's _PyTask.__step, __step_run_and_handle_result and
// __wakeup, with the observer calls at the points ../shared/TRACE.md defines.
#include "daemon/runtime/task.h"

#include "daemon/object/str.h"

namespace tl::rt {

Type* task_type() {
    static Type* t = [] {
        auto* ty = new Type("Task", {future_type()}, Layout::Task);
        ty->module = "asyncio.tasks";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

Type* coroutine_type() {
    static Type* t = [] {
        auto* ty = new Type("coroutine", {}, Layout::Coroutine);
        ty->make_immortal();
        return ty;
    }();
    return t;
}

Task::Task(EventLoop* loop, Ref<Coroutine> coro, std::string name)
    : Future(loop, task_type()), coro_(std::move(coro)), name_(std::move(name)) {}

Task::~Task() = default;

void Task::teardown() {
    Ref<Task> keep(this);
    if (coro_) {
        Ref<Coroutine> c = std::move(coro_);
        c->close();
    }
    fut_waiter_ = nullptr;
    callbacks_.clear();
    loop_->unregister_task(this);
}

Ref<Task> create_task(EventLoop& loop, Ref<Coroutine> coro, std::optional<std::string> name,
                      bool eager_start) {
    // Task.__init__: the counter is consumed only when no name is given.
    std::string n = name ? std::move(*name) : EventLoop::numbered_name("Task-", loop.next_task_number());
    Ref<Task> t(new Task(&loop, std::move(coro), std::move(n)));
    t->serial_ = loop.next_task_serial();
    if (loop.observer()) {
        Event e{EventKind::TaskCreated};
        e.task = t.get();
        e.parent = loop.current_task();
        loop.emit(e);
    }
    if (eager_start && loop.semantics().has_eager_start()) {
        t->eager_start();
    } else {
        t->schedule_step(nullptr);
        loop.register_task(t.get());
    }
    return t;
}

void Task::schedule_step(ExcRef exc) {
    Ref<Task> self(this);
    if (exc) {
        loop_->call_soon_fn([self, exc]() { self->step(exc); });
    } else {
        loop_->call_soon_fn([self]() { self->step(); });
    }
}

bool Task::cancel(Value msg) {
    // Task.cancel
    log_traceback_ = false;
    int before = num_cancels_requested_;
    bool result;
    if (done()) {
        result = false;
    } else {
        ++num_cancels_requested_;
        if (fut_waiter_ && fut_waiter_->cancel(msg)) {
            result = true;
        } else {
            must_cancel_ = true;
            cancel_message_ = msg;
            result = true;
        }
    }
    if (loop_->observer()) {
        Event e{EventKind::Cancel};
        e.task = this;
        e.by = loop_->current_task();
        e.cause = loop_->current_cause();
        e.msg = &msg;
        e.result = result;
        e.cancelling = num_cancels_requested_;
        e.cancelling_before = before;
        e.must_cancel = must_cancel_;
        loop_->emit(e);
    }
    return result;
}

int Task::uncancel() {
    // Task.uncancel; 3.13 also rescinds a pending _must_cancel at zero (gh-102780).
    int before = num_cancels_requested_;
    bool rescinded = false;
    if (num_cancels_requested_ > 0) {
        --num_cancels_requested_;
        if (num_cancels_requested_ == 0 && loop_->semantics().uncancel_rescinds_must_cancel()) {
            rescinded = must_cancel_;
            must_cancel_ = false;
        }
    }
    if (loop_->observer()) {
        Event e{EventKind::Uncancel};
        e.task = this;
        e.by = loop_->current_task();
        e.cause = loop_->current_cause();
        e.cancelling = num_cancels_requested_;
        e.cancelling_before = before;
        e.must_cancel = must_cancel_;
        e.rescinded = rescinded;
        loop_->emit(e);
    }
    return num_cancels_requested_;
}

Outcome Task::set_result(Value) {
    return Outcome::raise(make_exception(exc_types().RuntimeError, "Task does not support set_result operation"));
}

Outcome Task::set_exception(ExcRef) {
    return Outcome::raise(make_exception(exc_types().RuntimeError, "Task does not support set_exception operation"));
}

void Task::finished(DoneState st) {
    loop_->unregister_task(this);
    if (loop_->observer()) {
        Event e{EventKind::Done};
        e.task = this;
        e.state = st;
        if (st == DoneState::Exception) {
            e.exc = exception_.get();
            e.exc_type = exception_->type();
        }
        loop_->emit(e);
    }
}

void Task::step(ExcRef exc) {
    Ref<Task> keep(this);
    if (done()) {
        loop_->report_callback_error(
            "_step(): already done: " + name_,
            make_exception(exc_types().InvalidStateError, "_step(): already done"));
        return;
    }
    if (must_cancel_) {
        if (!exc || !exc->is_instance(exc_types().CancelledError)) exc = make_cancelled_error();
        must_cancel_ = false;
    }
    fut_waiter_ = nullptr;
    loop_->enter_task(this);
    step_run_and_handle_result(std::move(exc));
    loop_->leave_task(this);
}

void Task::eager_start() {
    // Task.__eager_start: run the first step now, inside the creating task's call.
    Ref<Task> keep(this);
    Task* prev = loop_->swap_current_task(this);
    step_run_and_handle_result(nullptr);
    loop_->swap_current_task(prev);
    if (done()) {
        coro_ = nullptr;
    } else {
        loop_->register_task(this);
    }
}

void Task::step_run_and_handle_result(ExcRef exc) {
    const auto& E = exc_types();
    if (exc && loop_->observer()) {
        Event e{EventKind::Throw};
        e.task = this;
        e.exc = exc.get();
        e.exc_type = exc->type();
        loop_->emit(e);
    }
    StepResult r = exc ? coro_->throw_exc(std::move(exc)) : coro_->send(Value::none());
    switch (r.kind) {
        case StepResult::Kind::Return:
            if (must_cancel_) {
                // Task is cancelled right before the coroutine stops.
                must_cancel_ = false;
                future_cancel(cancel_message_);
                finished(DoneState::Cancelled);
            } else {
                future_set_result(std::move(r.value));
                finished(DoneState::Finished);
            }
            return;
        case StepResult::Kind::Raise:
            if (r.exc->is_instance(E.CancelledError)) {
                // Save the original exception so result() hands out this very object.
                cancelled_exc_ = r.exc;
                future_cancel(Value::none());
                finished(DoneState::Cancelled);
            } else {
                future_set_exception(r.exc);
                finished(DoneState::Exception);
                // `except (KeyboardInterrupt, SystemExit): super().set_exception(exc); raise`:
                // the exception leaves the loop, which stops in the middle of its pass.
                if (r.exc->is_instance(E.KeyboardInterrupt) || r.exc->is_instance(E.SystemExit)) {
                    loop_->raise_fatal(r.exc);
                }
            }
            return;
        case StepResult::Kind::Yield:
            break;
    }
    Value& y = r.value;
    if (y.is_obj() && y.as_obj()->type()->is_subtype(future_type())) {
        auto* fut = y.obj_as<Future>();
        if (fut->loop() != loop_) {
            schedule_step(make_exception(E.RuntimeError, "Task " + name_ + " got Future attached to a different loop"));
        } else if (fut->asyncio_future_blocking) {
            if (fut == this) {
                schedule_step(make_exception(E.RuntimeError, "Task cannot await on itself: " + name_));
            } else {
                fut->asyncio_future_blocking = false;
                fut->add_done_callback(DoneCallback{&Task::wakeup, Value(this)});
                fut_waiter_ = fut;
                if (must_cancel_) {
                    if (fut_waiter_->cancel(cancel_message_)) must_cancel_ = false;
                }
            }
        } else {
            schedule_step(make_exception(E.RuntimeError, "yield was used instead of yield from in task " + name_));
        }
    } else if (y.is_none()) {
        // A bare yield gives up control for one loop pass.
        schedule_step(nullptr);
    } else {
        schedule_step(make_exception(E.RuntimeError, "Task got bad yield"));
    }
}

void Task::wakeup(Object* self, Future* fut) {
    // Task.__wakeup: an exception of the awaited future is thrown into the coroutine.
    Ref<Task> t(static_cast<Task*>(self));
    Outcome o = fut->result();
    if (!o.ok()) {
        // `except BaseException as exc: self.__step(exc)`: exc is handled for the step.
        ExcRef saved = std::move(t->wakeup_exc_);
        t->wakeup_exc_ = o.exc;
        t->step(std::move(o.exc));
        t->wakeup_exc_ = std::move(saved);
    } else {
        t->step();
    }
}

}  // namespace tl::rt
