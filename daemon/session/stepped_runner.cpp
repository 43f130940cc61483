// SteppedRunner: runner.cpp's run_virtual cut into single callbacks. Each phase is a
// run_until_complete(fut): a done-callback on fut stops the loop, and the loop's
// `stopping` flag is checked after each whole pass, as run_forever does.
#include "daemon/session/stepped_runner.h"

#include <vector>

#include "daemon/runtime/clock.h"
#include "daemon/runtime/combinators.h"

namespace tl::session {

namespace {

void stop_loop_cb(Object* self, rt::Future*) {
    // base_events._run_until_complete_cb
    static_cast<rt::Future*>(self)->loop()->stop();
}

}  // namespace

SteppedRunner::SteppedRunner(rt::EventLoop& loop, Ref<rt::Coroutine> main) : loop_(loop) {
    main_task_ = rt::create_task(loop_, std::move(main));
    main_task_->add_done_callback(rt::DoneCallback{&stop_loop_cb, Value(main_task_.get())});
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
        result_.error = "deadlock: the main task waits but nothing is scheduled (CPython would hang here)";
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

// run_forever: `if self._stopping: break` after each pass.
void SteppedRunner::end_of_pass() {
    if (!loop_.stopping()) return;
    loop_.clear_stopping();
    if (phase_ == Phase::Main) {
        // Runner.close -> _cancel_all_tasks: cancel what is left, in creation order.
        std::vector<rt::Task*> left = loop_.live_tasks();
        if (!left.empty()) {
            std::vector<Ref<rt::Task>> keep(left.begin(), left.end());
            {
                rt::EventLoop::CauseScope cs(loop_, rt::Cause{rt::CauseKind::Runner, nullptr});
                for (auto& t : keep) t->cancel();
            }
            std::vector<Value> args(keep.begin(), keep.end());
            Outcome g = rt::gather(loop_, args, /*return_exceptions=*/true);
            if (g.ok()) {
                all_cancelled_ = rt::future_of(g.value);
                all_cancelled_->add_done_callback(rt::DoneCallback{&stop_loop_cb, Value(all_cancelled_.get())});
                phase_ = Phase::CancelAll;
                return;
            }
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
    if (main_task_->done()) {
        if (main_task_->cancelled()) {
            result_.status = rt::DoneState::Cancelled;
        } else if (main_task_->stored_exception()) {
            result_.status = rt::DoneState::Exception;
            result_.exc = main_task_->stored_exception();
        } else {
            result_.result = main_task_->stored_result();
        }
    } else {
        result_.status = rt::DoneState::Exception;
    }
    if (loop_.observer()) {
        rt::Event e{rt::EventKind::Exit};
        e.state = result_.status;
        if (result_.exc) e.exc_type = result_.exc->type();
        loop_.emit(e);
    }
}

}  // namespace tl::session
