// Loop callbacks, as asyncio.events.Handle and TimerHandle: a callback the loop runs once,
// cancellable until it ran. Timers compare on their deadline alone, as TimerHandle.__lt__.
#pragma once

#include <utility>

#include "daemon/object/object.h"
#include "daemon/object/type.h"
#include "daemon/runtime/object_pool.h"

namespace tl::rt {

class EventLoop;

Type* handle_type();
Type* timer_handle_type();

class Handle : public Object {
public:
    TL_POOLED_ALLOCATION

    Handle(EventLoop* loop, Type* type = handle_type()) : Object(type), loop_(loop) {}
    // Runs the callback. Exceptions from Python code are reported by the callback itself
    // through EventLoop::report_callback_error, never propagated.
    virtual void run() = 0;
    // Handle.cancel(); TimerHandle also tells the loop (_timer_handle_cancelled).
    virtual void cancel() {
        if (!cancelled_) {
            cancelled_ = true;
            release_callback();
        }
    }
    bool cancelled() const { return cancelled_; }
    EventLoop* loop() const { return loop_; }

    // TimerHandle: on the loop's heap (kept here so it fills the padding after Object's
    // refcount, as cancelled_ does: every handle is 8 bytes smaller).
    bool scheduled = false;

protected:
    // Drops what the callback holds (as Handle.cancel clears _callback and _args).
    virtual void release_callback() {}
    bool cancelled_ = false;
    EventLoop* loop_;
};

class TimerHandle : public Handle {
public:
    TimerHandle(EventLoop* loop, double when) : Handle(loop, timer_handle_type()), when_(when) {}
    void cancel() override;
    double when() const { return when_; }

private:
    double when_;
};

// A callback given as a C++ callable. Cancelling drops the callable (and what it holds).
template <class F>
class FnHandle final : public Handle {
public:
    FnHandle(EventLoop* loop, F f) : Handle(loop), f_(std::move(f)), live_(true) {}
    ~FnHandle() override { drop(); }
    // A handle runs once: the callable moves out first, so a callback that cancels its
    // own handle cannot destroy the closure it is running in.
    void run() override {
        if (!live_) return;
        F f = std::move(f_);
        drop();
        f();
    }

protected:
    void release_callback() override { drop(); }

private:
    void drop() {
        if (live_) {
            f_.~F();
            live_ = false;
        }
    }
    union { F f_; };
    bool live_;
};

template <class F>
class FnTimer final : public TimerHandle {
public:
    FnTimer(EventLoop* loop, double when, F f) : TimerHandle(loop, when), f_(std::move(f)), live_(true) {}
    ~FnTimer() override { drop(); }
    // A handle runs once: the callable moves out first, so a callback that cancels its
    // own handle cannot destroy the closure it is running in.
    void run() override {
        if (!live_) return;
        F f = std::move(f_);
        drop();
        f();
    }

protected:
    void release_callback() override { drop(); }

private:
    void drop() {
        if (live_) {
            f_.~F();
            live_ = false;
        }
    }
    union { F f_; };
    bool live_;
};

}  // namespace tl::rt
