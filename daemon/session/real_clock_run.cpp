// run_real_clock: the same passes as rt::run_virtual, but a pass whose earliest timer is
// not due yet ends the slice, and the driver sleeps on a libuv timer until it is.
#include "daemon/session/real_clock_run.h"

#include "daemon/session/stepped_runner.h"
#include "daemon/uv/loop.h"
#include "daemon/uv/loop_driver.h"

namespace tl::session {

rt::RunResult run_real_clock(rt::EventLoop& loop, Ref<rt::Coroutine> main, double speed) {
    uv::Loop uv_loop;
    SteppedRunner runner(loop, std::move(main));
    uv::LoopDriver driver;
    driver.init(uv_loop, [&] {
        uv::LoopDriver::Slice out;
        for (int i = 0; i < 100000; ++i) {
            SteppedRunner::Step s = runner.step();
            if (s == SteppedRunner::Step::Exited) {
                driver.close();
                out.kind = uv::LoopDriver::Slice::Kind::Idle;
                return out;
            }
            if (s == SteppedRunner::Step::Wait) {
                out.kind = uv::LoopDriver::Slice::Kind::Wait;
                out.wait_seconds = runner.wait_seconds() / speed;
                return out;
            }
        }
        out.kind = uv::LoopDriver::Slice::Kind::More;
        return out;
    });
    driver.wake();
    uv_loop.run();
    driver.close();
    uv_loop.run_nowait();
    return runner.result();
}

}  // namespace tl::session
