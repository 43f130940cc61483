// SteppedRunner: runner.cpp's run_virtual cut into single callbacks, built from the
// same steps (rt::stop_loop_when_done, rt::after_pass, rt::cancel_all_tasks,
// rt::finish_run, then rt::shutdown_asyncgens' steps). Each phase is a
// run_until_complete(fut). Every driver that is not rt::run_virtual (daemon sessions,
// `tasklensd run --diagnostics`, `--clock real`) ends its run here, so they all end the
// way asyncio.run does.
#include "daemon/session/stepped_runner.h"

#include "daemon/runtime/clock.h"

namespace tl::session {

namespace {
// tracer.py's VirtualClockLoop.max_passes, the bound rt::shutdown_asyncgens gives up at:
// a generator whose finally never ends would otherwise keep the run going for ever.
constexpr uint64_t kShutdownMaxPasses = 200000;
// On a real clock those passes could take days (a finally that sleeps in a loop): give
// up when the shutdown would wait past this much loop time after `exit`.
constexpr double kRealShutdownSeconds = 5.0;
}  // namespace

// What the observer sees while shutdown_asyncgens runs: nothing (rt::shutdown_asyncgens;
// the tracer mutes everything after `exit`).
class SteppedRunner::Muted final : public rt::Observer {
public:
    void on_event(const rt::Event&) override {}
};

SteppedRunner::~SteppedRunner() {
    // Destroyed mid-shutdown (a stopped session): the loop must not keep our observer.
    if (phase_ == Phase::ShutdownAsyncgens && loop_.observer() == muted_.get()) loop_.set_observer(saved_observer_);
}

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
        if (phase_ == Phase::ShutdownAsyncgens) {
            // rt::shutdown_asyncgens: nothing left to run, give up silently.
            end_shutdown_asyncgens();
            return Step::Exited;
        }
        result_.deadlocked = true;
        result_.error = rt::kDeadlockError;
        finish();
        return phase_ == Phase::Exited ? Step::Exited : Step::PassEnd;
    }
    if (*timeout > 0.0) {
        if (!loop_.clock().is_virtual()) {
            if (phase_ == Phase::ShutdownAsyncgens && loop_.time() + *timeout - shutdown_began_ > kRealShutdownSeconds) {
                // CPython would wait for ever on such a generator; a real clock cannot
                // jump there, so give up as rt::shutdown_asyncgens does at its bound.
                end_shutdown_asyncgens();
                return Step::Exited;
            }
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
    if (phase_ == Phase::ShutdownAsyncgens) {
        // rt::shutdown_asyncgens' bounded run_until_complete; what it reports is dropped.
        rt::RunResult scratch;
        if (rt::after_pass(loop_, asyncgens_closed_.get(), scratch) != rt::PassOutcome::Continue ||
            ++shutdown_passes_ >= kShutdownMaxPasses) {
            end_shutdown_asyncgens();
        }
        return;
    }
    rt::Future* fut = phase_ == Phase::Main ? static_cast<rt::Future*>(main_task_.get()) : all_cancelled_.get();
    if (rt::after_pass(loop_, fut, result_) == rt::PassOutcome::Continue) return;
    if (phase_ == Phase::Main) {
        main_completed_ = true;
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
    if (phase_ == Phase::ShutdownAsyncgens) {
        // A limit inside an aclose(): `exit` is out already; stop closing generators.
        end_shutdown_asyncgens();
        return;
    }
    result_.limit_hit = true;
    result_.error = error;
    // No shutdown_asyncgens after a limit (rt::run_virtual runs it only when
    // run_until_complete(main) completed; the interpreter is out of budget anyway).
    main_completed_ = false;
    finish();
}

void SteppedRunner::stop_silently() {
    if (phase_ == Phase::ShutdownAsyncgens) end_shutdown_asyncgens();
    phase_ = Phase::Exited;
    result_.error = "stopped by the inspector";
}

// The end of asyncio.run: `exit` (rt::finish_run), then Runner.close's
// loop.shutdown_asyncgens() when run_until_complete(main) completed (as rt::run_virtual).
void SteppedRunner::finish() {
    phase_ = Phase::Exited;
    rt::finish_run(loop_, *main_task_, result_);
    if (main_completed_) begin_shutdown_asyncgens();
}

// rt::shutdown_asyncgens cut into passes: the observer muted, the aclose() calls
// gathered and run until complete (at most kShutdownMaxPasses passes), then the loop
// closed for the hooks. Cut so that a real clock can wait between passes and a daemon
// session never runs 200,000 passes in one slice.
void SteppedRunner::begin_shutdown_asyncgens() {
    rt::AsyncGenHooks* hooks = loop_.asyncgen_hooks();
    if (!hooks) return;
    saved_observer_ = loop_.observer();
    muted_ = std::make_unique<Muted>();
    loop_.set_observer(muted_.get());
    phase_ = Phase::ShutdownAsyncgens;
    pass_open_ = false;
    shutdown_passes_ = 0;
    shutdown_began_ = loop_.time();
    asyncgens_closed_ = hooks->shutdown_asyncgens(loop_);
    if (!asyncgens_closed_) {
        end_shutdown_asyncgens();
        return;
    }
    rt::stop_loop_when_done(asyncgens_closed_.get());
}

void SteppedRunner::end_shutdown_asyncgens() {
    // run_until_complete's finally: when we gave up, the stop callback (which holds the
    // future) would otherwise keep the future alive for ever (as rt::shutdown_asyncgens).
    if (asyncgens_closed_) rt::unstop_loop_when_done(asyncgens_closed_.get());
    asyncgens_closed_ = nullptr;
    loop_.set_observer(saved_observer_);
    phase_ = Phase::Exited;
    if (rt::AsyncGenHooks* hooks = loop_.asyncgen_hooks()) hooks->loop_closed();
}

}  // namespace tl::session
