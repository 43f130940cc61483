// Runs work that advances in slices on a libuv loop: after each slice the driver either
// runs the next one on the next loop turn (so other handles and clients get served in
// between), sleeps for a wall-clock delay (a real-clock asyncio loop waiting for its
// next timer: prepare_pass()'s delay divided by the speed factor), or stays idle until
// woken. Sessions and `tasklensd run --clock real` use it.
#pragma once

#include <functional>

#include "daemon/uv/idle.h"
#include "daemon/uv/timer.h"

namespace tl::uv {

class Loop;

class LoopDriver {
public:
    struct Slice {
        enum class Kind { More, Wait, Idle } kind = Kind::Idle;
        double wait_seconds = 0.0;  // wall clock, for Wait
    };
    using SliceFn = std::function<Slice()>;

    LoopDriver() = default;
    LoopDriver(const LoopDriver&) = delete;
    LoopDriver& operator=(const LoopDriver&) = delete;

    int init(Loop& loop, SliceFn run_slice);
    // Runs a slice on the next loop turn (replacing any pending wait).
    void wake();
    void close();
    bool idle() const { return !timer_.is_active() && !more_.is_active(); }

private:
    // from_idle: called by more_ (once per turn), not by a timer.
    void fire(bool from_idle);

    Loop* loop_ = nullptr;
    Timer timer_;  // wake() and waits
    Idle more_;    // the next slice of busy work, on the next loop turn
    SliceFn run_slice_;
    bool closed_ = false;
};

}  // namespace tl::uv
