// DiagnosticsTrace (diagnostics_trace.h): the analyser's hooks in the order a daemon
// session calls them (ScenarioSession::on_event: before_event, the event, after_event),
// so a run and a session of the same scenario report the same findings in the same place.
#include "daemon/script/diagnostics_trace.h"

#include <string>

#include "daemon/session/stepped_runner.h"

namespace tl::script {

DiagnosticsTrace::DiagnosticsTrace(std::FILE* out, rt::Observer* text_writer)
    : out_(out), text_(text_writer), analyser_([this](const diagnostics::Diagnostic& d) { write_diagnostic(d); }) {}

void DiagnosticsTrace::on_event(const rt::Event& e) {
    analyser_.before_event(e);
    ++seq_;
    if (text_) {
        text_->on_event(e);
    } else {
        trace::append_event_json(buf_, e, seq_, true);
        buf_.append("\n");
        if (buf_.size() > (64u << 10)) flush();
    }
    analyser_.after_event(e);
}

void DiagnosticsTrace::write_diagnostic(const diagnostics::Diagnostic& d) {
    double t = loop_ ? loop_->time() : 0.0;
    ++seq_;
    if (text_) {
        // As TextWriter's lines: time, kind, then the fields.
        std::string where = d.location.line > 0 ? d.location.file + ":" + std::to_string(d.location.line) : "-";
        std::fflush(out_);
        std::fprintf(out_, "%10.4f  diagnostic  %s task=%s at %s: %s\n", t, d.code,
                     d.task.empty() ? "-" : d.task.c_str(), where.c_str(), d.message.c_str());
        return;
    }
    std::string json;
    diagnostics::append_diagnostic_json(json, d, seq_, t);
    buf_.append(json);
    buf_.append("\n");
}

void DiagnosticsTrace::flush() {
    if (!buf_.empty()) {
        std::fwrite(buf_.data(), 1, buf_.size(), out_);
        buf_.clear();
    }
    std::fflush(out_);
}

rt::RunResult run_virtual_diagnosed(rt::EventLoop& loop, Ref<rt::Coroutine> main, DiagnosticsTrace& trace) {
    // The driver a daemon session uses, so that a run reports what a session reports;
    // it ends as asyncio.run does (shutdown_asyncgens after `exit`, muted).
    session::SteppedRunner runner(loop, std::move(main));
    for (;;) {
        session::SteppedRunner::Step step = runner.step();
        if (step == session::SteppedRunner::Step::PassEnd &&
            runner.phase() != session::SteppedRunner::Phase::ShutdownAsyncgens) {
            trace.on_pass_end(runner.passes());
        }
        if (step == session::SteppedRunner::Step::Exited) break;
    }
    return runner.result();
}

}  // namespace tl::script
