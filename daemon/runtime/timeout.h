// asyncio.Timeout, asyncio.timeout() and asyncio.timeout_at(), ported from timeouts.py:
// a deadline armed on __aenter__ that cancels the owning task when it passes, and an
// __aexit__ that turns that cancellation into TimeoutError when no one else cancelled.
// Reports timeout_enter / _reschedule / _expire / _exit (../shared/TRACE.md).
#pragma once

#include <optional>
#include <string>

#include "daemon/object/outcome.h"
#include "daemon/runtime/coroutine.h"
#include "daemon/runtime/event_loop.h"
#include "daemon/runtime/handle.h"
#include "daemon/runtime/scope.h"

namespace tl::rt {

Type* timeout_type();

class Timeout final : public Scope {
public:
    // timeouts._State; the names are the enum's values (what repr and errors show).
    enum class State : uint8_t { Created, Entered, Expiring, Expired, Exited };

    // Timeout.__init__(when): `when` is an absolute loop time, nullopt for no deadline.
    Timeout(EventLoop& loop, std::optional<double> when);
    ~Timeout() override;

    // Timeout.when()
    std::optional<double> when() const { return when_; }
    // Timeout.reschedule(when): None, or RuntimeError when the timeout is not active.
    Outcome reschedule(std::optional<double> when);
    // Timeout.expired()
    bool expired() const { return state_ == State::Expiring || state_ == State::Expired; }
    // Timeout.__repr__: "<Timeout [active] when=1.5>"
    std::string repr() const;

    // `await cm.__aenter__()`: returns the Timeout itself.
    Ref<Coroutine> aenter();
    // `await cm.__aexit__(type(exc), exc, tb)`, exc null for a normal exit: returns None
    // (never suppresses) or raises TimeoutError / the AssertionError of a misuse.
    Ref<Coroutine> aexit(ExcRef exc);

    State state() const { return state_; }
    const char* state_name() const override;
    // The task's cancelling() recorded by __aenter__ (Timeout._cancelling).
    int recorded_cancelling() const { return cancelling_; }
    EventLoop& loop() const { return loop_; }

    // The synchronous bodies of __aenter__/__aexit__ (neither awaits anything in CPython),
    // for an interpreter that runs them inline.
    Outcome enter();
    Outcome exit(const ExcRef& exc);

private:
    Outcome reschedule_impl(std::optional<double> when);
    void on_timeout();
    // timeout_exit; `task` is null for an __aexit__ refused before it started.
    void report_exit(Task* task, const ExcRef& exc, const Outcome& result);
    static void insert_timeout_error(ExceptionObject* exc_val);

    EventLoop& loop_;
    State state_ = State::Created;
    std::optional<double> when_;
    Ref<Handle> timeout_handler_;
    Ref<Task> owner_;  // Timeout._task, held while the block runs
    int cancelling_ = 0;
};

// asyncio.timeout(delay): deadline loop.time() + delay, or none for nullopt.
Ref<Timeout> timeout(EventLoop& loop, std::optional<double> delay);
// asyncio.timeout_at(when)
Ref<Timeout> timeout_at(EventLoop& loop, std::optional<double> when);

}  // namespace tl::rt
