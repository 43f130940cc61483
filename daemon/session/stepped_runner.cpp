// SteppedRunner: runner.cpp's run_virtual cut into single callbacks, built from the
// same steps (rt::stop_loop_when_done, rt::after_pass, rt::cancel_all_tasks,
// rt::finish_run). Each phase is a run_until_complete(fut).
#include "daemon/session/stepped_runner.h"

#include "daemon/runtime/clock.h"

namespace tl::session {

SteppedRunner::SteppedRunner(rt::EventLoop& loop, Ref<rt::Coroutine> main) : loop_(loop) {
    main_task_ = rt::create_task(loop_, std::move(main));
    rt::stop_loop_when_done(main_task_.get());
}

SteppedRunner::Step SteppedRunner::step() {
    if (phase_ == Phase::Exited) return Step::Exited;
    if (pass_open_ && loop_.pass_callbacks_left() > 0) {
        loop_.run_next_callback();
        return Step::Ran;
    }
    if (pass_open_) {
        pass_open_ = false;
        end_of_pass();
        return phase_ == Phase::Exited ? Step::Exited : Step::PassEnd;
    }
    // BaseEventLoop._run_once, first half.
    std::optional<double> timeout = loop_.prepare_pass();
    if (!timeout) {
        result_.deadlocked = true;
        result_.error = rt::kDeadlockError;
        finish();
        return Step::Exited;
    }
    if (*timeout > 0.0) {
        if (!loop_.clock().is_virtual()) {
            wait_ = *timeout;
            return Step::Wait;
        }
        // The selector would sleep until the earliest deadline: jump there exactly.
        static_cast<rt::VirtualClock&>(loop_.clock()).advance_to(loop_.next_timer_when().value_or(loop_.time()));
    }
    loop_.begin_callbacks();
    pass_open_ = true;
    ++passes_;
    if (loop_.pass_callbacks_left() > 0) {
        loop_.run_next_callback();
        return Step::Ran;
    }
    return Step::PassEnd;
}

// run_forever's check after each pass, then asyncio.run's next step (rt::after_pass,
// rt::cancel_all_tasks: the same steps as rt::run_virtual).
void SteppedRunner::end_of_pass() {
    rt::Future* fut = phase_ == Phase::Main ? static_cast<rt::Future*>(main_task_.get()) : all_cancelled_.get();
    if (rt::after_pass(loop_, fut, result_) == rt::PassOutcome::Continue) return;
    if (phase_ == Phase::Main) {
        all_cancelled_ = rt::cancel_all_tasks(loop_);
        if (all_cancelled_) {
            rt::stop_loop_when_done(all_cancelled_.get());
            phase_ = Phase::CancelAll;
            return;
        }
    }
    finish();
}

void SteppedRunner::abort(const std::string& error) {
    if (phase_ == Phase::Exited) return;
    result_.limit_hit = true;
    result_.error = error;
    finish();
}

void SteppedRunner::stop_silently() {
    phase_ = Phase::Exited;
    result_.error = "stopped by the inspector";
}

void SteppedRunner::finish() {
    phase_ = Phase::Exited;
    rt::finish_run(loop_, *main_task_, result_);
}

}  // namespace tl::session
