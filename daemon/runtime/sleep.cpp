// tasks.sleep and tasks.__sleep0 as a hand-written Coroutine state machine: one small
// object instead of a NativeCoro plus a C++20 frame, and a timer handle that carries the
// future and the result itself instead of a lambda. It behaves exactly as the native
// coroutine it replaces (sleep_body: bare yield, NaN check, `co_await fut`, then h.cancel()).
#include "daemon/runtime/sleep.h"

#include <cmath>

#include "daemon/runtime/future.h"

namespace tl::rt {

namespace {

// The call_later callback of tasks.sleep: futures._set_result_unless_cancelled(fut, result).
class SleepTimer final : public TimerHandle {
public:
    SleepTimer(EventLoop* loop, double when, Ref<Future> fut, Value result)
        : TimerHandle(loop, when), fut_(std::move(fut)), result_(std::move(result)) {}
    void run() override {
        // A handle runs once: take what it holds first (as FnTimer moves its closure out).
        Ref<Future> f = std::move(fut_);
        Value r = std::move(result_);
        if (f) set_result_unless_cancelled(f.get(), std::move(r));
    }

protected:
    void release_callback() override {
        fut_ = nullptr;
        result_ = Value();
    }

private:
    Ref<Future> fut_;
    Value result_;
};

class SleepCoro final : public Coroutine {
public:
    TL_POOLED_ALLOCATION

    SleepCoro(EventLoop& loop, double delay, Value result)
        : Coroutine(coroutine_type()), loop_(&loop), delay_(delay), result_(std::move(result)) {}

    StepResult send(Value) override { return resume(nullptr); }
    StepResult throw_exc(ExcRef exc) override { return resume(std::move(exc)); }
    std::string qualname() const override { return "sleep"; }
    bool finished() const override { return state_ == State::Done; }
    void close() override {
        // Destroying a suspended native frame dropped its locals without running
        // `h->cancel()`; closing keeps that behaviour.
        finish();
    }

private:
    enum class State : uint8_t { Start, BareYielded, AwaitingFuture, Done };

    void finish() {
        state_ = State::Done;
        fut_ = nullptr;
        timer_ = nullptr;
        result_ = Value();
    }
    StepResult raise(ExcRef e) {
        finish();
        return StepResult::raised(std::move(e));
    }
    StepResult resume(ExcRef exc);

    State state_ = State::Start;  // first: it fills the padding after Object's refcount
    EventLoop* loop_;
    double delay_;
    Value result_;
    Ref<Future> fut_;
    Ref<TimerHandle> timer_;
};

StepResult SleepCoro::resume(ExcRef exc) {
    switch (state_) {
        case State::Done:
            return StepResult::raised(
                make_exception(exc_types().RuntimeError, "cannot reuse already awaited coroutine"));
        case State::Start:
            // coro.throw() before the first send raises at once, running nothing.
            if (exc) return raise(std::move(exc));
            if (delay_ <= 0) {
                // tasks.__sleep0: a bare yield.
                state_ = State::BareYielded;
                return StepResult::yielded(Value::none());
            }
            if (std::isnan(delay_)) {
                return raise(make_exception(exc_types().ValueError, "Invalid delay: NaN (not a number)"));
            }
            fut_ = Ref<Future>(new Future(loop_));
            fut_->label = "sleep";
            {
                Ref<TimerHandle> h(new SleepTimer(loop_, loop_->time() + delay_, fut_, std::move(result_)));
                loop_->call_at(h);
                timer_ = std::move(h);
            }
            result_ = Value();
            // Future.__await__: mark the future as blocking and yield it to the task.
            fut_->asyncio_future_blocking = true;
            state_ = State::AwaitingFuture;
            return StepResult::yielded(Value(fut_));
        case State::BareYielded: {
            if (exc) return raise(std::move(exc));
            Value r = std::move(result_);
            finish();
            return StepResult::returned(std::move(r));
        }
        case State::AwaitingFuture: {
            Outcome o;
            if (exc) {
                o = Outcome::raise(std::move(exc));
            } else if (!fut_->done()) {
                o = Outcome::raise(make_exception(exc_types().RuntimeError, "await wasn't used with future"));
            } else {
                o = fut_->result();
            }
            timer_->cancel();  // the `finally: h.cancel()`
            finish();
            if (o.ok()) return StepResult::returned(std::move(o.value));
            return StepResult::raised(std::move(o.exc));
        }
    }
    return StepResult::raised(nullptr);
}

}  // namespace

Ref<Coroutine> sleep(EventLoop& loop, double delay, Value result) {
    return Ref<Coroutine>(new SleepCoro(loop, delay, std::move(result)));
}

}  // namespace tl::rt
