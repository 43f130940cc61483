// The JSON form of each event kind; field order follows TRACE.md's table.
#include "daemon/trace/jsonl_writer.h"

#include <charconv>
#include <cmath>

#include "daemon/object/float_repr.h"
#include "daemon/object/str.h"
#include "daemon/runtime/scope.h"
#include "daemon/runtime/task.h"

namespace tl::trace {

using rt::Event;
using rt::EventKind;

void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    // Fast path: the printable-ASCII prefix (every task name, label and path in practice)
    // is appended in one go; the loop below handles the rest byte by byte.
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
        ++i;
    }
    out.append(s.data(), i);
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '"') { out += "\\\""; ++i; continue; }
        if (c == '\\') { out += "\\\\"; ++i; continue; }
        if (c < 0x20) {
            switch (c) {
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                default: {
                    char b[8];
                    std::snprintf(b, sizeof b, "\\u%04x", c);
                    out += b;
                }
            }
            ++i;
            continue;
        }
        if (c < 0x80) { out += static_cast<char>(c); ++i; continue; }
        // Validate one UTF-8 sequence; pass it through or replace it.
        size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
        bool ok = len > 0 && i + len <= s.size();
        for (size_t k = 1; ok && k < len; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) ok = false;
        }
        if (ok) {
            out.append(s.substr(i, len));
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    out += '"';
}

namespace {

// Field names are literals: their length is known at compile time.
template <size_t N>
void key(std::string& out, const char (&k)[N]) {
    out.append(", \"", 3);
    out.append(k, N - 1);
    out.append("\": ", 3);
}

void str_or_null(std::string& out, const std::string* s) {
    if (s) append_json_string(out, *s); else out += "null";
}

void task_name(std::string& out, const rt::Task* t) {
    if (t) append_json_string(out, t->name()); else out += "null";
}

void type_name(std::string& out, const Type* t) {
    if (t) append_json_string(out, t->name()); else out += "null";
}

void boolean(std::string& out, bool b) { out += b ? "true" : "false"; }

// Event times repeat for every event of one loop pass: keep the last repr.
void number(std::string& out, double d) {
    thread_local double last = 0.0;
    thread_local std::string last_repr = float_repr(0.0);
    if (!(d == last && std::signbit(d) == std::signbit(last))) {
        last = d;
        last_repr = float_repr(d);
    }
    out += last_repr;
}

void integer(std::string& out, uint64_t v) {
    char b[24];
    auto r = std::to_chars(b, b + sizeof b, v);
    out.append(b, r.ptr);
}
void integer(std::string& out, int64_t v) {
    char b[24];
    auto r = std::to_chars(b, b + sizeof b, v);
    out.append(b, r.ptr);
}

void when_field(std::string& out, const std::optional<double>& w) {
    if (w) number(out, *w); else out += "null";
}

void scope_label(std::string& out, const rt::Scope* s) {
    if (s) append_json_string(out, s->label()); else out += "null";
}

}  // namespace

void append_event_json(std::string& out, const Event& e, uint64_t seq, bool with_extras) {
    out += "{\"seq\": ";
    integer(out, seq);
    out += ", \"t\": ";
    number(out, e.t);
    out += ", \"event\": \"";
    out += rt::event_name(e.kind);
    out += '"';
    switch (e.kind) {
        case EventKind::TaskCreated:
            key(out, "task"); task_name(out, e.task);
            key(out, "coro");
            if (e.task && e.task->coro()) append_json_string(out, e.task->coro()->qualname()); else out += "null";
            key(out, "parent"); task_name(out, e.parent);
            break;
        case EventKind::Cancel:
            key(out, "task"); task_name(out, e.task);
            key(out, "by"); task_name(out, e.by);
            key(out, "msg");
            if (e.msg) {
                const std::string* s = str_of(*e.msg);
                str_or_null(out, s);
            } else {
                out += "null";
            }
            key(out, "result"); boolean(out, e.result);
            key(out, "cancelling"); integer(out, static_cast<int64_t>(e.cancelling));
            key(out, "must_cancel"); boolean(out, e.must_cancel);
            break;
        case EventKind::Uncancel:
            key(out, "task"); task_name(out, e.task);
            key(out, "by"); task_name(out, e.by);
            key(out, "cancelling"); integer(out, static_cast<int64_t>(e.cancelling));
            key(out, "must_cancel"); boolean(out, e.must_cancel);
            key(out, "rescinded"); boolean(out, e.rescinded);
            break;
        case EventKind::Throw:
            key(out, "task"); task_name(out, e.task);
            key(out, "exc"); type_name(out, e.exc_type);
            key(out, "msg"); str_or_null(out, e.exc ? e.exc->message_str() : nullptr);
            break;
        case EventKind::Done:
            key(out, "task"); task_name(out, e.task);
            key(out, "state"); out += '"'; out += rt::done_state_name(e.state); out += '"';
            key(out, "exc"); type_name(out, e.state == rt::DoneState::Exception ? e.exc_type : nullptr);
            break;
        case EventKind::TimeoutEnter:
            key(out, "scope"); scope_label(out, e.scope);
            key(out, "task"); task_name(out, e.task);
            key(out, "when"); when_field(out, e.when);
            break;
        case EventKind::TimeoutReschedule:
            key(out, "scope"); scope_label(out, e.scope);
            key(out, "when"); when_field(out, e.when);
            break;
        case EventKind::TimeoutExpire:
            key(out, "scope"); scope_label(out, e.scope);
            key(out, "task"); task_name(out, e.task);
            break;
        case EventKind::TimeoutExit:
            key(out, "scope"); scope_label(out, e.scope);
            key(out, "task"); task_name(out, e.task);
            key(out, "expired"); boolean(out, e.expired);
            key(out, "raised"); type_name(out, e.exc_type);
            break;
        case EventKind::TaskGroupEnter:
            key(out, "scope"); scope_label(out, e.scope);
            key(out, "task"); task_name(out, e.task);
            break;
        case EventKind::TaskGroupAbort:
            key(out, "scope"); scope_label(out, e.scope);
            break;
        case EventKind::TaskGroupExit:
            key(out, "scope"); scope_label(out, e.scope);
            key(out, "task"); task_name(out, e.task);
            key(out, "raised"); type_name(out, e.exc_type);
            break;
        case EventKind::Print:
            key(out, "text"); append_json_string(out, e.text);
            break;
        case EventKind::Exit:
            key(out, "status"); out += '"'; out += rt::done_state_name(e.state); out += '"';
            key(out, "exc"); type_name(out, e.exc_type);
            break;
        case EventKind::CallbackError:
            key(out, "message"); append_json_string(out, e.text);
            key(out, "exc"); type_name(out, e.exc_type);
            break;
    }
    if (with_extras) {
        if (e.kind == EventKind::Cancel || e.kind == EventKind::Uncancel) {
            key(out, "cause"); out += '"'; out += rt::cause_name(e.cause.kind); out += '"';
            if (e.cause.scope) { key(out, "cause_scope"); scope_label(out, e.cause.scope); }
            key(out, "cancelling_before"); integer(out, static_cast<int64_t>(e.cancelling_before));
        }
        const rt::Task* where = e.kind == EventKind::Cancel || e.kind == EventKind::Uncancel ? e.by : e.task;
        if (where && where->coro() && e.kind != EventKind::TaskCreated) {
            rt::SourceLocation loc = where->coro()->location();
            if (loc.line > 0) {
                key(out, "file"); append_json_string(out, loc.file);
                key(out, "line"); integer(out, static_cast<int64_t>(loc.line));
            }
        }
    }
    out += '}';
}

void JsonlWriter::on_event(const Event& e) {
    append_event_json(buf_, e, ++seq_, extras_);
    buf_ += '\n';
    if (buf_.size() > (1u << 16)) flush();
}

void JsonlWriter::flush() {
    if (!buf_.empty()) {
        std::fwrite(buf_.data(), 1, buf_.size(), out_);
        buf_.clear();
    }
    std::fflush(out_);
}

}  // namespace tl::trace
