// asyncio.run(main()) on one loop (runners.py Runner.run + Runner.close): run the main
// task until it is done, cancel the tasks still pending in creation order and wait for
// them (_cancel_all_tasks), then report `exit` with how the main task ended. The steps
// are exported so that drivers which cut the run at callback boundaries (a debugger
// session's stepped runner) run exactly the same asyncio.run as run_virtual.
#pragma once

#include <cstdint>
#include <string>

#include "daemon/runtime/coroutine.h"
#include "daemon/runtime/event_loop.h"
#include "daemon/runtime/task.h"

namespace tl::rt {

struct RunLimits {
    uint64_t max_callbacks = 0;  // 0: unlimited
};

struct RunResult {
    DoneState status = DoneState::Finished;
    Value result;            // main's return value
    ExcRef exc;              // main's exception (status Exception), or its CancelledError
    bool deadlocked = false; // nothing scheduled while main still pending (CPython would hang)
    bool limit_hit = false;  // max_callbacks reached
    std::string error;       // what stopped the run early, for the user
    ExcRef fatal;            // a SystemExit/KeyboardInterrupt that left the loop, if any
};

// Runs on a virtual-clock loop: `loop.clock()` must be a VirtualClock.
RunResult run_virtual(EventLoop& loop, Ref<Coroutine> main, RunLimits limits = {});

// ---- the steps of asyncio.run, for drivers that run the passes themselves ----

inline constexpr const char* kDeadlockError =
    "deadlock: the main task waits but nothing is scheduled (CPython would hang here)";

// run_until_complete(fut): fut's done callback stops the loop (_run_until_complete_cb).
void stop_loop_when_done(Future* fut);
// run_until_complete's `finally: future.remove_done_callback(_run_until_complete_cb)`,
// for a driver that gives up on fut (daemon/session/stepped_runner's shutdown_asyncgens).
void unstop_loop_when_done(Future* fut);

// What run_forever does after one whole pass of run_until_complete(fut).
enum class PassOutcome : uint8_t {
    Continue,   // not stopping: run another pass
    Completed,  // fut is done and stopped the loop
    Fatal,      // a SystemExit/KeyboardInterrupt escaped (now in res.fatal); asyncio.run
                // still goes on to Runner.close
};
PassOutcome after_pass(EventLoop& loop, Future* fut, RunResult& res);

// Runner.close -> _cancel_all_tasks: cancels the live tasks in creation order and
// returns gather(*to_cancel, return_exceptions=True) to run until complete; null when
// nothing was left.
Ref<Future> cancel_all_tasks(EventLoop& loop);

// Runner.close -> loop.shutdown_asyncgens() (base_events.py), run after the `exit` event
// as tests/conformance/tracer.py runs it: the generators' aclose() tasks run with the
// trace muted (the hooks write call_exception_handler's reports to stderr themselves),
// then the loop is closed for the hooks (their finalizers schedule nothing).
void shutdown_asyncgens(EventLoop& loop, RunLimits limits = {});

// The end of asyncio.run: how the main task ended into `res`, then the `exit` event.
void finish_run(EventLoop& loop, Task& main_task, RunResult& res);

}  // namespace tl::rt
