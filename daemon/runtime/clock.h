// The loop's notion of time. The virtual clock only moves when the loop is idle, and then
// exactly to the next deadline; the real clock follows a monotonic source scaled by a
// speed factor (0.1 = ten times slower), so a person can watch a run live.
#pragma once

#include <chrono>

namespace tl::rt {

class Clock {
public:
    virtual ~Clock() = default;
    virtual double now() const = 0;
    virtual bool is_virtual() const = 0;
};

class VirtualClock : public Clock {
public:
    double now() const override { return now_; }
    bool is_virtual() const override { return true; }
    // Only forwards: a deadline already passed leaves the clock where it is.
    void advance_to(double t) {
        if (t > now_) now_ = t;
    }

private:
    double now_ = 0.0;
};

class RealClock : public Clock {
public:
    explicit RealClock(double speed = 1.0)
        : speed_(speed), start_(std::chrono::steady_clock::now()) {}
    double now() const override {
        std::chrono::duration<double> d = std::chrono::steady_clock::now() - start_;
        return d.count() * speed_;
    }
    bool is_virtual() const override { return false; }
    double speed() const { return speed_; }
    // Loop seconds until `deadline`, in wall-clock seconds.
    double wall_seconds_until(double deadline) const { return (deadline - now()) / speed_; }

private:
    double speed_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace tl::rt
