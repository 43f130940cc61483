// LoopDriver: after each slice, an idle handle for more work (it runs once per loop turn,
// and the turn polls for I/O, so clients are served between slices; a 0 ms timer re-armed
// in a timer callback would run again in the same timer phase and starve every client),
// a timer for a wait rounded up to whole milliseconds (never early: a timer that fires
// before the deadline would cost a useless slice), or nothing when idle. Timers of many
// drivers falling due together share a budget per turn; past it, slices go to the next
// turn, so a client request waits for at most about that budget.
#include "daemon/uv/loop_driver.h"

#include <chrono>
#include <cmath>
#include <cstdint>

#include "daemon/uv/loop.h"

namespace tl::uv {

namespace {

// Wall time spent in slices during the current loop turn (one thread, one loop).
constexpr double kTurnBudgetSeconds = 0.001;
thread_local std::uint64_t budget_turn = ~std::uint64_t(0);
thread_local double budget_spent = 0.0;

}  // namespace

int LoopDriver::init(Loop& loop, SliceFn run_slice) {
    run_slice_ = std::move(run_slice);
    loop_ = &loop;
    int err = timer_.init(loop);
    return err != 0 ? err : more_.init(loop);
}

void LoopDriver::wake() {
    if (closed_) return;
    timer_.start(0, 0, [this] { fire(false); });
}

void LoopDriver::close() {
    if (closed_) return;
    closed_ = true;
    timer_.close();
    more_.close();
}

void LoopDriver::fire(bool from_idle) {
    if (closed_) return;
    more_.stop();
    std::uint64_t turn = loop_->now_ms();  // cached for the whole turn
    if (turn != budget_turn) {
        budget_turn = turn;
        budget_spent = 0.0;
    } else if (!from_idle && budget_spent >= kTurnBudgetSeconds) {
        // This turn's timers have run enough slices: the rest wait for the next turn,
        // after I/O. (An idle callback always runs its slice: one per driver per turn.)
        timer_.stop();
        more_.start([this] { fire(true); });
        return;
    }
    auto started = std::chrono::steady_clock::now();
    Slice s = run_slice_();
    budget_spent += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (closed_) return;  // the slice may have ended the work and closed us
    switch (s.kind) {
        case Slice::Kind::More:
            more_.start([this] { fire(true); });
            break;
        case Slice::Kind::Wait: {
            double ms = std::ceil(s.wait_seconds * 1000.0);
            if (ms < 0) ms = 0;
            if (ms > 3.6e9) ms = 3.6e9;
            timer_.start(static_cast<std::uint64_t>(ms), 0, [this] { fire(false); });
            break;
        }
        case Slice::Kind::Idle:
            break;
    }
}

}  // namespace tl::uv
