// asyncio.Task, ported from tasks.py (_PyTask): drives a Coroutine step by step, counts
// cancellation requests (cancel/uncancel/cancelling), carries _must_cancel to the next
// step, and reports every transition to the loop's observer.
//
// Invariant (as _PyTask's): _fut_waiter is set only while the task waits on a future;
// _must_cancel is set only when a cancel() could not be passed on to _fut_waiter.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "daemon/runtime/coroutine.h"
#include "daemon/runtime/future.h"

namespace tl::rt {

Type* task_type();

class Scope;

class Task : public Future {
public:
    // Use create_task(); the constructor does not schedule anything.
    Task(EventLoop* loop, Ref<Coroutine> coro, std::string name);
    ~Task() override;

    // Task.cancel(msg)
    bool cancel(Value msg = Value::none()) override;
    // Task.uncancel(): returns the remaining count.
    int uncancel();
    int cancelling() const { return num_cancels_requested_; }
    bool must_cancel() const { return must_cancel_; }

    // Task.set_result / set_exception are not allowed.
    Outcome set_result(Value v) override;
    Outcome set_exception(ExcRef exc) override;

    const std::string& name() const { return name_; }
    void set_name(std::string n) {
        name_ = std::move(n);
        name_json_.clear();
    }
    // The name as a quoted JSON string, kept by the trace writer (empty until it first
    // writes this task, cleared by set_name): a task's name is written into most of its
    // events, and escaping it once per task instead of once per event is issue 8's saving.
    std::string& name_json_cache() const { return name_json_; }
    const Ref<Coroutine>& coro() const { return coro_; }
    Future* fut_waiter() const { return fut_waiter_.get(); }
    uint64_t serial() const { return serial_; }  // creation order, 1-based

    // The scopes (Timeout, TaskGroup) the task is inside, outermost first.
    std::vector<Scope*>& scopes() { return scopes_; }

    // Task.__step; `exc` null means send(None).
    void step(ExcRef exc = nullptr);
    // Task.__eager_start (3.12+)
    void eager_start();

    // The exception __wakeup is handling while it runs a step: _PyTask.__wakeup calls
    // __step(exc) inside `except BaseException as exc:`, so during that step `exc` is the
    // handled exception beneath every coroutine frame (implicit __context__, exc_info()).
    // Null outside such a step.
    const ExcRef& wakeup_exc() const { return wakeup_exc_; }

    // Drops the coroutine and every callback: breaks cycles when a run is torn down.
    void teardown();

private:
    friend class EventLoop;
    friend Ref<Task> create_task(EventLoop&, Ref<Coroutine>, std::optional<std::string>, bool);
    void step_run_and_handle_result(ExcRef exc);
    void schedule_step(ExcRef exc);
    void finished(DoneState st);
    static void wakeup(Object* self, Future* fut);

    Ref<Coroutine> coro_;
    std::string name_;
    mutable std::string name_json_;
    Ref<Future> fut_waiter_;
    uint64_t serial_ = 0;
    std::vector<Scope*> scopes_;
    ExcRef wakeup_exc_;

    // EventLoop's intrusive list of live tasks, in creation order.
    Task* live_prev_ = nullptr;
    Task* live_next_ = nullptr;
    // The small fields together at the end, so they share one 8-byte slot.
    int num_cancels_requested_ = 0;
    bool must_cancel_ = false;
    bool live_registered_ = false;
};

// loop.create_task(coro, name=…, eager_start=…): names the task Task-N unless a name is
// given, reports task_created, then schedules the first step (or runs it eagerly).
Ref<Task> create_task(EventLoop& loop, Ref<Coroutine> coro,
                      std::optional<std::string> name = std::nullopt, bool eager_start = false);

}  // namespace tl::rt
