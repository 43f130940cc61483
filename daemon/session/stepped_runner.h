// asyncio.run(main()) one loop callback at a time, for drivers that must stop between
// callbacks (a debugger's pause, step and breakpoints) or wait for a real clock: the same
// passes as rt::run_virtual (BaseEventLoop._run_once / run_until_complete, then
// runners._cancel_all_tasks, `exit`, then loop.shutdown_asyncgens() with the trace muted),
// cut at callback boundaries instead of run to the end.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "daemon/runtime/coroutine.h"
#include "daemon/runtime/event_loop.h"
#include "daemon/runtime/runner.h"
#include "daemon/runtime/task.h"

namespace tl::session {

class SteppedRunner {
public:
    // ShutdownAsyncgens comes after the `exit` event: Runner.close's
    // loop.shutdown_asyncgens(), the observer muted (as rt::shutdown_asyncgens).
    enum class Phase : uint8_t { Main, CancelAll, ShutdownAsyncgens, Exited };

    // What one call of step() did.
    enum class Step : uint8_t {
        Ran,      // one loop callback ran
        PassEnd,  // a pass ended (no callback ran); call again
        Wait,     // real clock: nothing is due for wait_seconds() of loop time
        Exited,   // the run is over (result() is final)
    };

    // Creates the main task (task_created is emitted now). The loop's clock may be
    // virtual (the driver jumps it to the next timer) or real (step() returns Wait).
    SteppedRunner(rt::EventLoop& loop, Ref<rt::Coroutine> main);
    ~SteppedRunner();
    SteppedRunner(const SteppedRunner&) = delete;
    SteppedRunner& operator=(const SteppedRunner&) = delete;

    Step step();
    double wait_seconds() const { return wait_; }
    Phase phase() const { return phase_; }
    bool exited() const { return phase_ == Phase::Exited; }
    // Ends the run now with an error (a limit): `exit` is still emitted (unless it was
    // already), status "exception" unless main is done, and result().error says why.
    void abort(const std::string& error);
    // Ends the run with no `exit` event (session/stop).
    void stop_silently();
    const rt::RunResult& result() const { return result_; }
    rt::Task* main_task() const { return main_task_.get(); }
    uint64_t passes() const { return passes_; }

private:
    void end_of_pass();
    void finish();
    void begin_shutdown_asyncgens();
    void end_shutdown_asyncgens();
    class Muted;

    rt::EventLoop& loop_;
    Ref<rt::Task> main_task_;
    Ref<rt::Future> all_cancelled_;  // gather(*to_cancel) of _cancel_all_tasks
    Ref<rt::Future> asyncgens_closed_;  // shutdown_asyncgens' gather of the aclose() calls
    bool main_completed_ = false;    // run_until_complete(main) returned (rt::run_virtual's `completed`)
    uint64_t shutdown_passes_ = 0;
    double shutdown_began_ = 0.0;  // loop time at `exit`
    rt::Observer* saved_observer_ = nullptr;
    std::unique_ptr<rt::Observer> muted_;
    Phase phase_ = Phase::Main;
    bool pass_open_ = false;
    double wait_ = 0.0;
    uint64_t passes_ = 0;
    rt::RunResult result_;
};

}  // namespace tl::session
