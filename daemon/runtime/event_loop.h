// The event loop: a FIFO of ready callbacks and a heap of timers, run in passes exactly
// as BaseEventLoop._run_once (base_events.py). It also owns one asyncio "world": the
// emulated version, the observer, the current task, the live tasks in creation order and
// the counters behind Task-N, Timeout-N and TaskGroup-N.
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/object/exception.h"
#include "daemon/runtime/clock.h"
#include "daemon/runtime/handle.h"
#include "daemon/runtime/observer.h"
#include "daemon/runtime/semantics.h"

namespace tl::rt {

class Task;
class Future;

// sys.set_asyncgen_hooks as BaseEventLoop.run_forever installs them, seen from the loop:
// the interpreter's async generators register with an object of this kind (the firstiter
// hook) and schedule their own aclose() tasks (the finalizer hook); asyncio.run's close
// asks it for loop.shutdown_asyncgens() (runner.cpp). The runtime knows only this.
class AsyncGenHooks : public Object {
public:
    using Object::Object;
    // loop.shutdown_asyncgens(): a future done once every registered generator's aclose()
    // ended (errors reported as call_exception_handler does), null when none is alive.
    virtual Ref<Future> shutdown_asyncgens(EventLoop& loop) = 0;
    // loop.close(): finalizers stop scheduling aclose() tasks (is_closed()).
    virtual void loop_closed() = 0;
};

class EventLoop {
public:
    EventLoop(Clock& clock, Semantics sem, Observer* observer = nullptr);
    ~EventLoop();
    EventLoop(const EventLoop&) = delete;
    EventLoop& operator=(const EventLoop&) = delete;

    // loop.time()
    double time() const { return clock_.now(); }
    Clock& clock() { return clock_; }
    const Semantics& semantics() const { return sem_; }

    // loop.call_soon(): appends to the ready FIFO.
    void call_soon(Ref<Handle> h);
    template <class F>
    Ref<Handle> call_soon_fn(F f) {
        Ref<Handle> h(new FnHandle<F>(this, std::move(f)));
        call_soon(h);
        return h;
    }
    // loop.call_at() / call_later(): pushes onto the timer heap.
    void call_at(Ref<TimerHandle> h);
    template <class F>
    Ref<TimerHandle> call_at_fn(double when, F f) {
        Ref<TimerHandle> h(new FnTimer<F>(this, when, std::move(f)));
        call_at(h);
        return h;
    }
    template <class F>
    Ref<TimerHandle> call_later_fn(double delay, F f) {
        return call_at_fn(time() + delay, std::move(f));
    }
    // BaseEventLoop._timer_handle_cancelled
    void timer_handle_cancelled(TimerHandle* h);

    // The first half of _run_once: drop cancelled timers, then say how long the pass may
    // wait: 0 when callbacks are ready or the loop is stopping, the delay to the earliest
    // timer, or nullopt when nothing at all is scheduled.
    std::optional<double> prepare_pass();
    // The second half: move due timers to the ready FIFO, then run exactly the callbacks
    // that were ready at that moment. finish_pass() = begin_callbacks() + run_next_callback()
    // until it returns false; a debugger steps one callback at a time with the parts.
    void finish_pass();
    void begin_callbacks();
    bool run_next_callback();
    size_t pass_callbacks_left() const { return pass_todo_; }
    // One whole pass on the virtual clock: the "select" jumps the clock to the deadline.
    // Returns false when nothing is scheduled at all (the run can never progress).
    bool run_once_virtual();

    // A KeyboardInterrupt or SystemExit escaped a task step. In CPython it propagates out
    // of Handle._run and _run_once, so run_forever ends in the middle of its pass: the rest
    // of the pass stays in the ready queue. The driver takes it with take_fatal().
    void raise_fatal(ExcRef e) {
        fatal_ = std::move(e);
        pass_todo_ = 0;
    }
    bool has_fatal() const { return static_cast<bool>(fatal_); }
    ExcRef take_fatal() {
        ExcRef e = std::move(fatal_);
        fatal_ = nullptr;
        return e;
    }

    // loop.stop() as run_forever sees it: the current pass finishes, then run_* returns.
    void stop() { stopping_ = true; }
    bool stopping() const { return stopping_; }
    void clear_stopping() { stopping_ = false; }
    bool has_ready() const { return !ready_.empty(); }
    size_t ready_count() const { return ready_.size(); }
    size_t timer_count() const { return scheduled_.size(); }
    // The earliest timer's deadline (after prepare_pass() dropped cancelled ones): a
    // driver that steps one callback at a time moves a virtual clock exactly there.
    std::optional<double> next_timer_when() const;

    // Observer plumbing. `emit` fills in `t`.
    Observer* observer() const { return observer_; }
    void set_observer(Observer* o) { observer_ = o; }
    void emit(Event& e) {
        e.t = time();
        observer_->on_event(e);
    }

    // What the current cancel()/uncancel() call is on behalf of (a Timeout, a TaskGroup,
    // the inspector…): set around the call by whoever makes it.
    Cause current_cause() const { return cause_; }
    class CauseScope {
    public:
        CauseScope(EventLoop& loop, Cause c) : loop_(loop), saved_(loop.cause_) { loop.cause_ = c; }
        ~CauseScope() { loop_.cause_ = saved_; }
        CauseScope(const CauseScope&) = delete;
        CauseScope& operator=(const CauseScope&) = delete;

    private:
        EventLoop& loop_;
        Cause saved_;
    };

    // asyncio's task bookkeeping (_enter_task, _leave_task, current_task, all_tasks).
    Task* current_task() const { return current_task_; }
    void enter_task(Task* t);
    void leave_task(Task* t);
    // How many task steps have begun (_enter_task calls): lets a debugger step by one.
    uint64_t task_steps() const { return task_steps_; }
    Task* swap_current_task(Task* t);
    // Live (not yet done) tasks in creation order.
    std::vector<Task*> live_tasks() const;
    void register_task(Task* t);
    void unregister_task(Task* t);
    size_t live_task_count() const { return live_count_; }

    // Name counters: Task-N (tasks._task_name_counter), Timeout-N, TaskGroup-N.
    uint64_t next_task_number() { return ++task_counter_; }
    uint64_t next_timeout_number() { return ++timeout_counter_; }
    uint64_t next_taskgroup_number() { return ++taskgroup_counter_; }
    uint64_t next_task_serial() { return ++task_serial_; }
    // prefix + n ("Task-12"): built in one step, with no temporaries (made per task/scope).
    static std::string numbered_name(std::string_view prefix, uint64_t n) {
        char buf[48];
        std::memcpy(buf, prefix.data(), prefix.size());
        char* end = std::to_chars(buf + prefix.size(), buf + sizeof buf, n).ptr;
        return std::string(buf, static_cast<size_t>(end - buf));
    }

    // An exception escaped a callback: CPython logs it through call_exception_handler.
    void report_callback_error(const std::string& what, const ExcRef& exc);
    size_t callback_errors() const { return callback_errors_; }

    // The async-generator hooks an interpreter installed (null: none); the loop keeps
    // them alive and tells them when it closes.
    AsyncGenHooks* asyncgen_hooks() const { return asyncgen_hooks_.get(); }
    void set_asyncgen_hooks(Ref<AsyncGenHooks> h) { asyncgen_hooks_ = std::move(h); }

    // Total callbacks run, for step limits and statistics.
    uint64_t callbacks_run() const { return callbacks_run_; }

    static constexpr double kClockResolution = 1e-09;  // time.get_clock_info('monotonic')

private:
    friend class Task;
    Clock& clock_;
    Semantics sem_;
    Observer* observer_;
    std::deque<Ref<Handle>> ready_;
    std::vector<Ref<TimerHandle>> scheduled_;
    size_t timer_cancelled_count_ = 0;
    bool stopping_ = false;
    size_t pass_todo_ = 0;
    ExcRef fatal_;
    Cause cause_;
    Task* current_task_ = nullptr;
    uint64_t task_steps_ = 0;
    Task* live_head_ = nullptr;
    Task* live_tail_ = nullptr;
    size_t live_count_ = 0;
    uint64_t task_counter_ = 0;
    uint64_t timeout_counter_ = 0;
    uint64_t taskgroup_counter_ = 0;
    uint64_t task_serial_ = 0;
    size_t callback_errors_ = 0;
    uint64_t callbacks_run_ = 0;
    Ref<AsyncGenHooks> asyncgen_hooks_;
};

}  // namespace tl::rt
