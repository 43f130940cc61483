// LoopDriver: one uv timer re-armed after each slice: 0 ms for more work (libuv runs due
// timers once per turn, after polling for I/O, so clients are served between slices),
// the wait rounded up to whole milliseconds (never early: a timer that fires before
// the deadline would cost a useless slice), or not at all when idle.
#include "daemon/uv/loop_driver.h"

#include <cmath>
#include <cstdint>

namespace tl::uv {

int LoopDriver::init(Loop& loop, SliceFn run_slice) {
    run_slice_ = std::move(run_slice);
    return timer_.init(loop);
}

void LoopDriver::wake() {
    if (closed_) return;
    timer_.start(0, 0, [this] { fire(); });
}

void LoopDriver::close() {
    if (closed_) return;
    closed_ = true;
    timer_.close();
}

void LoopDriver::fire() {
    if (closed_) return;
    Slice s = run_slice_();
    if (closed_) return;  // the slice may have ended the work and closed us
    switch (s.kind) {
        case Slice::Kind::More:
            timer_.start(0, 0, [this] { fire(); });
            break;
        case Slice::Kind::Wait: {
            double ms = std::ceil(s.wait_seconds * 1000.0);
            if (ms < 0) ms = 0;
            if (ms > 3.6e9) ms = 3.6e9;
            timer_.start(static_cast<std::uint64_t>(ms), 0, [this] { fire(); });
            break;
        }
        case Slice::Kind::Idle:
            break;
    }
}

}  // namespace tl::uv
