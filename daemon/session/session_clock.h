// The real clock of a live session: wall time scaled by a speed factor that stands
// still while the session is paused, so a debugger stop does not make every timer late.
// (rt::RealClock never stops; a session's time is the time it actually ran.)
#pragma once

#include <chrono>

#include "daemon/runtime/clock.h"

namespace tl::session {

class PausableClock : public rt::Clock {
public:
    explicit PausableClock(double speed = 1.0) : speed_(speed) {}
    double now() const override {
        if (!running_) return base_;
        std::chrono::duration<double> d = std::chrono::steady_clock::now() - resumed_at_;
        return base_ + d.count() * speed_;
    }
    bool is_virtual() const override { return false; }
    double speed() const { return speed_; }
    bool running() const { return running_; }
    void resume() {
        if (running_) return;
        resumed_at_ = std::chrono::steady_clock::now();
        running_ = true;
    }
    void pause() {
        if (!running_) return;
        base_ = now();
        running_ = false;
    }

private:
    double speed_;
    double base_ = 0.0;
    bool running_ = false;
    std::chrono::steady_clock::time_point resumed_at_;
};

}  // namespace tl::session
