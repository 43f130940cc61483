// asyncio.run(main()) on one loop (runners.py Runner.run + Runner.close): run the main
// task until it is done, cancel the tasks still pending in creation order and wait for
// them (_cancel_all_tasks), then report `exit` with how the main task ended.
#pragma once

#include <cstdint>
#include <string>

#include "daemon/runtime/coroutine.h"
#include "daemon/runtime/event_loop.h"

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

}  // namespace tl::rt
