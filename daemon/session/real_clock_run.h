// asyncio.run(main()) on a real clock, for `tasklensd run --clock real --speed X`: the
// SteppedRunner driven by a uv::LoopDriver on a private libuv loop, so timers wait in
// wall time (loop seconds / speed) instead of jumping as on the virtual clock.
#pragma once

#include "daemon/runtime/coroutine.h"
#include "daemon/runtime/event_loop.h"
#include "daemon/runtime/runner.h"

namespace tl::session {

// `loop.clock()` must be a real clock running at `speed` (rt::RealClock).
rt::RunResult run_real_clock(rt::EventLoop& loop, Ref<rt::Coroutine> main, double speed);

}  // namespace tl::session
