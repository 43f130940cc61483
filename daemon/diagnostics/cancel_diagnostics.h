// Cancellation diagnostics: an analysis that watches a run's events (beside the trace
// writer, as an rt::Observer-side helper) and reports the mistakes asyncio lets pass
// silently. Each finding becomes a non-contract `diagnostic` event (protocol/PROTOCOL.md,
// "Non-contract events"): a code, the task, where it was suspended, and one sentence.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "daemon/runtime/coroutine.h"
#include "daemon/runtime/event_loop.h"
#include "daemon/runtime/observer.h"
#include "daemon/runtime/task.h"

namespace tl::diagnostics {

struct Diagnostic {
    const char* code = "";
    std::string task;  // empty: none
    rt::SourceLocation location;
    std::string message;
};

// Appends `{"seq": n, "t": t, "event": "diagnostic", "code", "task", "file", "line",
// "message"}` (no newline): the one definition of the diagnostic event's JSON.
void append_diagnostic_json(std::string& out, const Diagnostic& d, uint64_t seq, double t);

class CancelDiagnostics {
public:
    struct Options {
        // cancel-undelivered: a must_cancel still pending after this many loop passes.
        uint64_t undelivered_passes = 100;
    };
    using Sink = std::function<void(const Diagnostic&)>;

    explicit CancelDiagnostics(Sink sink) : CancelDiagnostics(std::move(sink), Options{}) {}
    CancelDiagnostics(Sink sink, Options options) : sink_(std::move(sink)), options_(options) {}

    // Call for every event, after it was written (an `exit` is analysed before: the
    // run's teardown findings come before the last event).
    void before_event(const rt::Event& e);
    void after_event(const rt::Event& e);
    // Call at the end of each loop pass with the number of passes so far.
    void on_pass_end(uint64_t passes);

private:
    struct TaskState {
        std::string name;
        uint64_t cancels_thrown = 0;          // CancelledErrors thrown into the task
        rt::SourceLocation last_location;     // where it was when one was thrown
        uint64_t must_cancel_since = 0;       // pass number + 1; 0: none pending
        bool undelivered_reported = false;
    };
    struct ScopeState {
        const rt::Task* task = nullptr;
        uint64_t cancels_thrown_at_enter = 0;
        int cancelling_at_enter = 0;
    };

    TaskState& state_of(const rt::Task* t);
    void report(const char* code, const rt::Task* t, std::string message);
    static rt::SourceLocation where(const rt::Task* t);

    Sink sink_;
    Options options_;
    uint64_t passes_ = 0;
    std::unordered_map<const rt::Task*, TaskState> tasks_;
    std::unordered_map<const rt::Scope*, ScopeState> scopes_;
    std::vector<Ref<rt::Task>> failed_tasks_;  // done with an exception, for never-retrieved
};

}  // namespace tl::diagnostics
