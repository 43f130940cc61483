// The rules of CancelDiagnostics. Each one names the asyncio contract it checks (the
// docs of Task.cancel / Task.uncancel in asyncio-task.rst, and Future.__del__'s
// "exception was never retrieved" in futures.py).
#include "daemon/diagnostics/cancel_diagnostics.h"

#include <cstdio>

#include "daemon/object/exception.h"
#include "daemon/runtime/scope.h"
#include "daemon/trace/jsonl_writer.h"

namespace tl::diagnostics {

namespace {

bool is_cancelled_error(const Type* t) {
    return t && t->is_subtype(exc_types().CancelledError);
}

}  // namespace

void append_diagnostic_json(std::string& out, const Diagnostic& d, uint64_t seq, double t) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", t);
    std::string ts = buf;
    // JSON numbers: keep a float look for integral times, as the trace writer does.
    if (ts.find_first_of(".eEn") == std::string::npos) ts += ".0";
    out += "{\"seq\": " + std::to_string(seq) + ", \"t\": " + ts + ", \"event\": \"diagnostic\", \"code\": ";
    trace::append_json_string(out, d.code);
    out += ", \"task\": ";
    if (d.task.empty()) out += "null"; else trace::append_json_string(out, d.task);
    out += ", \"file\": ";
    if (d.location.line > 0) trace::append_json_string(out, d.location.file); else out += "null";
    out += ", \"line\": ";
    out += d.location.line > 0 ? std::to_string(d.location.line) : "null";
    out += ", \"message\": ";
    trace::append_json_string(out, d.message);
    out += '}';
}

CancelDiagnostics::TaskState& CancelDiagnostics::state_of(const rt::Task* t) {
    TaskState& s = tasks_[t];
    s.name = t->name();
    return s;
}

rt::SourceLocation CancelDiagnostics::where(const rt::Task* t) {
    if (t && t->coro()) return t->coro()->location();
    return {};
}

void CancelDiagnostics::report(const char* code, const rt::Task* t, std::string message) {
    Diagnostic d;
    d.code = code;
    if (t) {
        d.task = t->name();
        d.location = where(t);
        if (d.location.line <= 0) {
            auto it = tasks_.find(t);
            if (it != tasks_.end()) d.location = it->second.last_location;
        }
    }
    d.message = std::move(message);
    sink_(d);
}

void CancelDiagnostics::before_event(const rt::Event& e) {
    if (e.kind != rt::EventKind::Exit) return;
    // Future.__del__: a task that ended with an exception nobody retrieved.
    for (auto& t : failed_tasks_) {
        if (t->log_traceback()) {
            std::string exc = t->stored_exception() ? t->stored_exception()->type()->name() : "an exception";
            report("exception-never-retrieved", t.get(),
                   "Task " + t->name() + " ended with " + exc +
                       " and nothing ever awaited it or called result()/exception(): the error is lost.");
        }
    }
    failed_tasks_.clear();
}

void CancelDiagnostics::after_event(const rt::Event& e) {
    using K = rt::EventKind;
    const rt::Task* task = e.task;
    switch (e.kind) {
        case K::Cancel:
            if (task && e.must_cancel) {
                TaskState& s = state_of(task);
                if (!s.must_cancel_since) s.must_cancel_since = passes_ + 1;
            }
            break;
        case K::Uncancel: {
            if (!task) break;
            TaskState& s = state_of(task);
            if (!e.must_cancel) s.must_cancel_since = 0;
            // Task.uncancel at zero changes nothing: it pairs with no cancel().
            if (e.cancelling_before == 0) {
                report("uncancel-at-zero", task,
                       "uncancel() was called on " + task->name() +
                           " while no cancellation was pending (cancelling() was 0): it pairs with no cancel().");
            }
            // 3.13+: uncancel() to zero also turns _must_cancel off.
            if (e.rescinded) {
                report("cancel-rescinded", task,
                       "uncancel() brought " + task->name() +
                           "'s cancelling() to 0 before the pending cancellation was delivered, so it never will be.");
            }
            break;
        }
        case K::Throw:
            if (task && e.exc_type && is_cancelled_error(e.exc_type)) {
                TaskState& s = state_of(task);
                ++s.cancels_thrown;
                s.must_cancel_since = 0;
                rt::SourceLocation loc = where(task);
                if (loc.line > 0) s.last_location = loc;
            }
            break;
        case K::TimeoutEnter:
        case K::TaskGroupEnter:
            if (task && e.scope) {
                TaskState& s = state_of(task);
                scopes_[e.scope] = ScopeState{task, s.cancels_thrown, task->cancelling()};
            }
            break;
        case K::TimeoutExit:
        case K::TaskGroupExit: {
            auto it = scopes_.find(e.scope);
            if (it == scopes_.end()) break;
            ScopeState sc = it->second;
            scopes_.erase(it);
            if (!sc.task || !e.scope) break;
            TaskState& s = state_of(sc.task);
            bool lets_go_on = !e.exc_type || !is_cancelled_error(e.exc_type);
            if (lets_go_on && s.cancels_thrown > sc.cancels_thrown_at_enter &&
                sc.task->cancelling() > sc.cancelling_at_enter) {
                std::string what = e.exc_type ? std::string("raised ") + e.exc_type->name() : std::string("exited normally");
                report("cancel-absorbed", sc.task,
                       e.scope->label() + " " + what + " although a cancellation it did not request is still pending on " +
                           sc.task->name() + " (cancelling() is " + std::to_string(sc.task->cancelling()) +
                           "): the CancelledError was swallowed.");
            }
            break;
        }
        case K::Done: {
            if (!task) break;
            auto it = tasks_.find(task);
            if (it != tasks_.end()) {
                // The asyncio rule: code that catches CancelledError must re-raise it or
                // call uncancel(); a task that ends normally with cancelling() > 0 did neither.
                if (e.state != rt::DoneState::Cancelled && it->second.cancels_thrown > 0 && task->cancelling() > 0) {
                    report("swallowed-cancel", task,
                           task->name() + " caught a CancelledError and " +
                               (e.state == rt::DoneState::Finished ? "returned" : "raised something else") +
                               " without uncancel(): cancelling() is still " + std::to_string(task->cancelling()) + ".");
                }
                tasks_.erase(it);
            }
            if (e.state == rt::DoneState::Exception) {
                failed_tasks_.emplace_back(const_cast<rt::Task*>(task));
            }
            break;
        }
        default:
            break;
    }
}

void CancelDiagnostics::on_pass_end(uint64_t passes) {
    passes_ = passes;
    for (auto& [task, s] : tasks_) {
        if (!s.must_cancel_since || s.undelivered_reported) continue;
        if (passes_ + 1 - s.must_cancel_since > options_.undelivered_passes) {
            s.undelivered_reported = true;
            report("cancel-undelivered", task,
                   "a cancellation of " + s.name + " has been pending (must_cancel) for more than " +
                       std::to_string(options_.undelivered_passes) + " loop passes without reaching the task.");
        }
    }
}

}  // namespace tl::diagnostics
