// BaseEventLoop's scheduling core, ported pass for pass (base_events.py: call_soon,
// call_at, _timer_handle_cancelled, _run_once).
#include "daemon/runtime/event_loop.h"

#include <algorithm>

#include "daemon/runtime/heapq.h"
#include "daemon/runtime/task.h"

namespace tl::rt {

namespace {
// base_events._MIN_SCHEDULED_TIMER_HANDLES and _MIN_CANCELLED_TIMER_HANDLES_FRACTION
constexpr size_t kMinScheduledTimerHandles = 100;
constexpr double kMinCancelledTimerHandlesFraction = 0.5;

struct TimerLess {
    bool operator()(const Ref<TimerHandle>& a, const Ref<TimerHandle>& b) const {
        return a->when() < b->when();
    }
};

Type* immortal_type(const char* name, Type* base = nullptr) {
    std::vector<Type*> bases;
    if (base) bases.push_back(base);
    auto* t = new Type(name, bases, Layout::Other);
    t->module = "asyncio.events";
    t->make_immortal();
    return t;
}
}  // namespace

Type* handle_type() {
    static Type* t = immortal_type("Handle");
    return t;
}
Type* timer_handle_type() {
    static Type* t = immortal_type("TimerHandle", handle_type());
    return t;
}

void TimerHandle::cancel() {
    // TimerHandle.cancel: tell the loop first, so it can count cancelled timers.
    if (!cancelled_) loop_->timer_handle_cancelled(this);
    Handle::cancel();
}

EventLoop::EventLoop(Clock& clock, Semantics sem, Observer* observer)
    : clock_(clock), sem_(sem), observer_(observer) {}

EventLoop::~EventLoop() {
    // Break task <-> coroutine <-> handle cycles: drop every pending callback, then
    // every task still alive.
    ready_.clear();
    scheduled_.clear();
    for (Task* t : live_tasks()) t->teardown();
    if (asyncgen_hooks_) asyncgen_hooks_->loop_closed();
}

void EventLoop::call_soon(Ref<Handle> h) { ready_.push_back(std::move(h)); }

void EventLoop::call_at(Ref<TimerHandle> h) {
    h->scheduled = true;
    heapq::push(scheduled_, std::move(h), TimerLess{});
}

void EventLoop::timer_handle_cancelled(TimerHandle* h) {
    if (h->scheduled) ++timer_cancelled_count_;
}

std::optional<double> EventLoop::prepare_pass() {
    size_t sched_count = scheduled_.size();
    if (sched_count > kMinScheduledTimerHandles &&
        static_cast<double>(timer_cancelled_count_) / static_cast<double>(sched_count) >
            kMinCancelledTimerHandlesFraction) {
        // Too many cancelled timers: rebuild the heap without them.
        std::vector<Ref<TimerHandle>> kept;
        kept.reserve(sched_count);
        for (auto& h : scheduled_) {
            if (h->cancelled()) {
                h->scheduled = false;
            } else {
                kept.push_back(std::move(h));
            }
        }
        heapq::heapify(kept, TimerLess{});
        scheduled_ = std::move(kept);
        timer_cancelled_count_ = 0;
    } else {
        // Remove cancelled timers from the head of the heap.
        while (!scheduled_.empty() && scheduled_.front()->cancelled()) {
            --timer_cancelled_count_;
            Ref<TimerHandle> h = heapq::pop(scheduled_, TimerLess{});
            h->scheduled = false;
        }
    }
    if (!ready_.empty() || stopping_) return 0.0;
    if (!scheduled_.empty()) {
        double timeout = scheduled_.front()->when() - time();
        return std::max(0.0, timeout);
    }
    return std::nullopt;
}

void EventLoop::begin_callbacks() {
    double end_time = time() + kClockResolution;
    while (!scheduled_.empty()) {
        if (scheduled_.front()->when() >= end_time) break;
        Ref<TimerHandle> h = heapq::pop(scheduled_, TimerLess{});
        h->scheduled = false;
        ready_.push_back(std::move(h));
    }
    pass_todo_ = ready_.size();
}

bool EventLoop::run_next_callback() {
    while (pass_todo_ > 0) {
        --pass_todo_;
        Ref<Handle> h = std::move(ready_.front());
        ready_.pop_front();
        if (h->cancelled()) continue;
        ++callbacks_run_;
        h->run();
        return true;
    }
    return false;
}

void EventLoop::finish_pass() {
    begin_callbacks();
    while (run_next_callback()) {
    }
}

std::optional<double> EventLoop::next_timer_when() const {
    if (scheduled_.empty()) return std::nullopt;
    return scheduled_.front()->when();
}

bool EventLoop::run_once_virtual() {
    std::optional<double> timeout = prepare_pass();
    if (!timeout) return false;
    if (*timeout > 0.0) {
        // The selector would sleep until the earliest deadline: jump there exactly.
        auto* vc = static_cast<VirtualClock*>(&clock_);
        vc->advance_to(scheduled_.front()->when());
    }
    finish_pass();
    return true;
}

void EventLoop::enter_task(Task* t) {
    // tasks._enter_task: a task may not start while another runs.
    current_task_ = t;
    ++task_steps_;
}

void EventLoop::leave_task(Task* t) {
    if (current_task_ == t) current_task_ = nullptr;
}

Task* EventLoop::swap_current_task(Task* t) {
    Task* prev = current_task_;
    current_task_ = t;
    return prev;
}

void EventLoop::register_task(Task* t) {
    if (t->live_registered_) return;
    t->live_registered_ = true;
    t->live_prev_ = live_tail_;
    t->live_next_ = nullptr;
    if (live_tail_) live_tail_->live_next_ = t; else live_head_ = t;
    live_tail_ = t;
    ++live_count_;
    t->incref();  // the registry keeps pending tasks alive, as the loop's handles do
}

void EventLoop::unregister_task(Task* t) {
    if (!t->live_registered_) return;
    t->live_registered_ = false;
    if (t->live_prev_) t->live_prev_->live_next_ = t->live_next_; else live_head_ = t->live_next_;
    if (t->live_next_) t->live_next_->live_prev_ = t->live_prev_; else live_tail_ = t->live_prev_;
    t->live_prev_ = t->live_next_ = nullptr;
    --live_count_;
    t->decref();
}

std::vector<Task*> EventLoop::live_tasks() const {
    std::vector<Task*> out;
    out.reserve(live_count_);
    for (Task* t = live_head_; t; t = t->live_next_) out.push_back(t);
    return out;
}

void EventLoop::report_callback_error(const std::string& what, const ExcRef& exc) {
    ++callback_errors_;
    if (!observer_) return;
    Event e{EventKind::CallbackError};
    e.exc = exc.get();
    e.exc_type = exc ? exc->type() : nullptr;
    e.text = what;
    emit(e);
}

}  // namespace tl::rt
