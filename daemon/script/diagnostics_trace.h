// `tasklensd run --diagnostics`: the cancellation analyser that daemon sessions attach
// (daemon/diagnostics/cancel_diagnostics) run beside the run's trace writer, its findings
// written into the trace as `diagnostic` events in the same seq series, as a session
// streams them (protocol/PROTOCOL.md "Non-contract events"), or as readable text lines.
#pragma once
#include <cstdint>
#include <cstdio>

#include "daemon/diagnostics/cancel_diagnostics.h"
#include "daemon/runtime/event_loop.h"
#include "daemon/runtime/observer.h"
#include "daemon/runtime/runner.h"
#include "daemon/trace/jsonl_writer.h"

namespace tl::script {

class DiagnosticsTrace : public rt::Observer {
public:
    // jsonl (text_writer null): writes every event itself, as trace::JsonlWriter does, so
    // that a finding takes the next seq; text: forwards events to text_writer and writes
    // each finding as one line in its style.
    DiagnosticsTrace(std::FILE* out, rt::Observer* text_writer);
    ~DiagnosticsTrace() override { flush(); }
    // The loop whose clock stamps the findings (created after this observer).
    void attach(const rt::EventLoop* loop) { loop_ = loop; }
    void on_event(const rt::Event& e) override;
    // After each loop pass (cancel-undelivered counts passes).
    void on_pass_end(uint64_t passes) { analyser_.on_pass_end(passes); }
    void flush();
    // Events and findings written so far: the seq of the last line.
    uint64_t count() const { return seq_; }

private:
    void write_diagnostic(const diagnostics::Diagnostic& d);

    std::FILE* out_;
    rt::Observer* text_;
    const rt::EventLoop* loop_ = nullptr;
    uint64_t seq_ = 0;
    trace::TraceBuffer buf_;
    diagnostics::CancelDiagnostics analyser_;
};

// rt::run_virtual, driven pass by pass through session::SteppedRunner (the same passes,
// as a daemon session runs them) so that the analyser hears every pass end.
rt::RunResult run_virtual_diagnosed(rt::EventLoop& loop, Ref<rt::Coroutine> main, DiagnosticsTrace& trace);

}  // namespace tl::script
