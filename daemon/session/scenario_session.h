// One scenario session: a scenario compiled once, its own loop, clock (virtual, or real
// that stands still while paused), interpreter and asyncio.run, driven one loop callback
// at a time so a debugger can pause, step, stop at breakpoints, inspect and steer tasks.
// It knows nothing of the wire: a Listener (the daemon's session hub) gets its events
// and state changes; a driver (daemon/uv/loop_driver) calls run_slice() when it may run.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "daemon/diagnostics/cancel_diagnostics.h"
#include "daemon/runtime/clock.h"
#include "daemon/runtime/event_loop.h"
#include "daemon/runtime/semantics.h"
#include "daemon/script/code.h"
#include "daemon/script/diagnostic.h"
#include "daemon/session/event_history.h"
#include "daemon/session/session_clock.h"
#include "daemon/session/stepped_runner.h"
#include "protocol/jsonrpc.h"

namespace tl::script {
class Vm;
}

namespace tl::session {

using protocol::Json;

struct SessionConfig {
    std::string source;
    std::string name = "<session>";  // file name in messages and locations
    rt::PyVersion version = rt::kDefaultVersion;
    bool real_clock = false;
    double speed = 1.0;
    bool start_paused = false;
    bool diagnostics = true;
    // Lossless streaming: the driver holds the run while a subscriber is backlogged
    // (the session then goes at its slowest subscriber's pace). Off by default: a
    // session never waits on its clients, a slow one loses events with a gap notice.
    bool wait_for_subscribers = false;
    // Stop (session/stopped reason "exception") when a task ends with an exception other
    // than CancelledError, once per exception object (protocol/PROTOCOL.md).
    bool stop_on_exception = false;
    uint64_t max_steps = 200'000'000;
    double max_slice_seconds = 5.0;
    uint64_t max_heap_bytes = 2ull << 30;  // the process's malloc'ed bytes (VmLimits)
};

struct Breakpoint {
    int id = 0;
    std::optional<std::string> event;
    std::optional<std::string> task;
    std::optional<std::string> scope;
    std::optional<int64_t> cancelling_at_least;
    bool verified = true;
    std::string message;
};

// Why a run could not start: the scenario does not parse or compile.
struct StartError {
    script::SyntaxError error;
};

class ScenarioSession : private rt::Observer {
public:
    enum class State : uint8_t { Paused, Running, Exited };
    enum class StepKind : uint8_t { None, Callback, Event, Task };

    class Listener {
    public:
        virtual ~Listener() = default;
        // Every event, in seq order: `json` is its wire/JSONL form; `kind` its event name;
        // `task` its task field (empty if none).
        virtual void on_event(ScenarioSession& s, uint64_t seq, std::string_view kind, std::string_view task,
                              const std::string& json) = 0;
        // reason: entry, pause, step, breakpoint, exception. `event` is the event that hit (or null).
        virtual void on_stopped(ScenarioSession& s, const char* reason, const std::string* event,
                                const std::vector<int>& hit_ids) = 0;
        virtual void on_continued(ScenarioSession& s) = 0;
        virtual void on_output(ScenarioSession& s, std::string_view text) = 0;
        virtual void on_exited(ScenarioSession& s, const Json& exit_params) = 0;
        // The session wants run_slice() soon (it was resumed or stepped).
        virtual void wake(ScenarioSession& s) = 0;
    };

    // What run_slice() leaves the driver to do.
    struct Slice {
        enum class Kind : uint8_t { More, Wait, Idle } kind;
        double wait_wall_seconds = 0.0;
    };
    struct SliceBudget {
        uint32_t max_callbacks = 2000;
        double max_seconds = 0.002;
        // Asked after each loop callback: true ends the slice there (a lossless
        // session's subscriber is backlogged).
        std::function<bool()> yield_when;
    };

    // Compiles; on a compile error returns null and fills `error`. A session created
    // paused announces `entry` when announce_start() is called.
    static std::unique_ptr<ScenarioSession> create(std::string id, SessionConfig config, Listener* listener,
                                                   std::optional<StartError>& error);
    ~ScenarioSession() override;

    // Frees the interpreter and the loop of an exited session (its history stays).
    // Not from inside run_slice().
    void release_runtime();

    // Sends what the start implies (stopped/entry, or wakes the driver to run).
    void announce_start();

    Slice run_slice(SliceBudget budget);

    const std::string& id() const { return id_; }
    const SessionConfig& config() const { return config_; }
    State state() const { return state_; }
    const char* state_name() const;
    double time() const;
    uint64_t last_seq() const { return seq_; }
    const EventHistory& history() const { return history_; }
    const Json& exit_params() const { return exit_params_; }
    // The last exception stop's `{task, type, message, file, line, function}`.
    const Json& stop_exception() const { return stop_exception_; }
    size_t live_task_count() const;

    // Steering; each returns an error message, empty on success.
    void pause();
    void resume();
    std::string step(StepKind kind);
    // Ends the run now, no `exit` event; session/exited status "stopped".
    void stop();
    std::string advance(std::optional<double> dt, std::optional<double> t, double& new_time);
    std::vector<Breakpoint> set_breakpoints(const Json& list);
    Json tasks_json() const;
    // task/cancel, task/uncancel: the result object or an error message.
    std::string cancel_task(const std::string& name, const std::optional<std::string>& msg, Json& result);
    std::string uncancel_task(const std::string& name, Json& result);

private:
    class Sink;
    ScenarioSession(std::string id, SessionConfig config, Listener* listener);

    void on_event(const rt::Event& e) override;
    void record(std::string_view kind, std::string_view task, std::string json, const rt::Event* e);
    void emit_diagnostic(const diagnostics::Diagnostic& d);
    void emit_error(const std::string& text);
    bool start_main();  // the module body, then main() as the main task
    void finish(const std::string& error);
    void enter_paused(const char* reason, const std::string* event, const std::vector<int>& hits);
    void check_breakpoints(std::string_view kind, const rt::Event* e, const std::string& json);
    void check_exception_stop(const rt::Event& e);
    rt::Task* find_live_task(const std::string& name) const;

    std::string id_;
    SessionConfig config_;
    Listener* listener_;
    script::CodeRef code_;
    std::unique_ptr<rt::Clock> clock_;
    rt::VirtualClock* virtual_clock_ = nullptr;
    PausableClock* real_clock_ = nullptr;
    std::unique_ptr<rt::EventLoop> loop_;
    std::unique_ptr<Sink> sink_;
    std::unique_ptr<script::Vm> vm_;
    std::unique_ptr<SteppedRunner> runner_;
    std::unique_ptr<diagnostics::CancelDiagnostics> diagnostics_;
    State state_ = State::Paused;
    StepKind step_kind_ = StepKind::None;
    uint64_t step_events_at_start_ = 0;
    uint64_t step_callbacks_ = 0;
    uint64_t step_task_steps_at_start_ = 0;
    bool module_ran_ = false;
    uint64_t seq_ = 0;
    EventHistory history_;
    std::string scratch_;
    std::vector<Breakpoint> breakpoints_;
    bool stop_pending_ = false;
    const char* stop_reason_ = "breakpoint";
    std::string stop_event_;
    std::vector<int> stop_hits_;
    Json stop_exception_;
    // stopOnException: the exceptions already stopped on (kept alive so that an address
    // is never reused for another: they hold no frames, only args and traceback text).
    std::vector<ExcRef> stopped_on_;
    Json exit_params_;
    double final_time_ = 0.0;
    // task_created's parent, for tasks/list.
    struct Lineage {
        const rt::Task* parent = nullptr;
        std::string parent_name;
    };
    std::unordered_map<const rt::Task*, Lineage> lineage_;
};

}  // namespace tl::session
