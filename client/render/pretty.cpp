// PrettyView: the words for each TRACE.md event. The explanations mirror the rules of
// Timeout.__aexit__ (timeouts.py: uncancel() <= level at entry → TimeoutError) and
// TaskGroup.__aexit__ (taskgroups.py), read off the counters the events carry.
#include "client/render/pretty.h"

#include "client/render/jsonl.h"

#include <cstdio>
#include <functional>
#include <sstream>

namespace tl::client {
namespace {

constexpr size_t kTaskWidth = 10;
constexpr size_t kScopeWidth = 22;
constexpr size_t kWhatWidth = 58;

// Display width of UTF-8 text (code points; the arrows used here are one column).
size_t width_of(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string pad(const std::string& s, size_t w) {
    size_t n = width_of(s);
    return n >= w ? s : s + std::string(w - n, ' ');
}

std::string fmt_time(double t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%8.3f", t);
    return buf;
}

std::string quote_str(const std::string& s) { return "\"" + s + "\""; }

std::string msg_part(const Json& e) {
    std::string m = str_field(e, "msg");
    return m.empty() ? "" : "(" + quote_str(m) + ")";
}

// Who made a cancel/uncancel call: the cause extras when present, else `by`.
std::string who(const Json& e) {
    std::string cause = str_field(e, "cause");
    std::string cause_scope = str_field(e, "cause_scope");
    std::string by = str_field(e, "by");
    if (!cause_scope.empty()) {
        if (cause == "timeout") return "by " + cause_scope + (by.empty() ? "'s timer" : " (in " + by + ")");
        return "by " + cause_scope + (by.empty() ? "" : " (in " + by + ")");
    }
    if (!by.empty()) return "by " + by;
    if (!cause.empty() && cause != "code") return "by " + cause;
    return "by a loop callback";
}

std::string counters(const Json& e, const TaskInfo* before) {
    long after = int_field(e, "cancelling", 0);
    long prior = int_field(e, "cancelling_before", before ? before->cancelling : after);
    std::string s = "cancelling " + std::to_string(prior) + "→" + std::to_string(after);
    bool had = before && before->must_cancel;
    bool has = bool_field(e, "must_cancel");
    if (has && !had) s += "  must_cancel set";
    else if (has) s += "  must_cancel";
    else if (had) s += "  must_cancel cleared";
    return s;
}

}  // namespace

std::string python_number(const Json& v);

std::string source_of(const Json& e) {
    std::string file = str_field(e, "file");
    long line = int_field(e, "line", 0);
    if (file.empty() || line <= 0) return "";
    auto slash = file.rfind('/');
    return (slash == std::string::npos ? file : file.substr(slash + 1)) + ":" + std::to_string(line);
}

std::string PrettyView::what(const Json& e, const TaskModel& model, std::string* why) const {
    std::string kind = str_field(e, "event");
    std::string task = str_field(e, "task");
    std::string scope = str_field(e, "scope");
    const TaskInfo* t = task.empty() ? nullptr : model.find(task);
    if (kind == "task_created") {
        std::string parent = str_field(e, "parent");
        return "created  " + str_field(e, "coro") + "()" + (parent.empty() ? "" : "  by " + parent);
    }
    if (kind == "cancel") {
        bool result = bool_field(e, "result");
        std::string s = "cancel" + msg_part(e) + (result ? "" : " → False") + "  " + counters(e, t) + "  " + who(e);
        if (!result) *why = "cancel() returned False: the task is already done, nothing changes";
        else if (bool_field(e, "must_cancel") && !(t && t->must_cancel))
            *why = "must_cancel: no awaited future took the cancel (none, or it was already cancelled), so CancelledError is thrown at the task's next step";
        return s;
    }
    if (kind == "uncancel") {
        std::string s = "uncancel  " + counters(e, t) + "  " + who(e);
        if (bool_field(e, "rescinded"))
            *why = "uncancel() brought cancelling to 0 before the CancelledError was delivered: the pending cancel is rescinded (3.13+)";
        else if (int_field(e, "cancelling", 1) == 0 && bool_field(e, "must_cancel"))
            *why = "cancelling is 0 but must_cancel stays set: the CancelledError is still thrown at the next step (uncancel() rescinds only from 3.13)";
        return s;
    }
    if (kind == "throw") {
        std::string m = str_field(e, "msg");
        return "throws " + str_field(e, "exc") + (m.empty() ? "" : "(" + quote_str(m) + ")") + " into the coroutine";
    }
    if (kind == "done") {
        std::string state = str_field(e, "state");
        std::string exc = str_field(e, "exc");
        return "done: " + state + (exc.empty() ? "" : " (" + exc + ")");
    }
    if (kind == "timeout_enter") {
        auto when = e.find("when");
        std::string deadline = when != e.end() && when->is_number() ? "deadline " + python_number(*when) : "no deadline";
        return "enters " + scope + "  " + deadline + "  (cancelling at entry " + std::to_string(t ? t->cancelling : 0) + ")";
    }
    if (kind == "timeout_reschedule") {
        auto when = e.find("when");
        return scope + " rescheduled to " + (when != e.end() && when->is_number() ? python_number(*when) : "never");
    }
    if (kind == "timeout_expire") return scope + " expires → it cancels " + task;
    if (kind == "timeout_exit" || kind == "taskgroup_exit") {
        bool timeout = kind == "timeout_exit";
        std::string raised = str_field(e, "raised");
        const ScopeInfo* sc = model.scope(scope);
        int entry = sc ? sc->cancelling_at_entry : 0;
        int now = t ? t->cancelling : 0;
        std::string s = "exits " + scope + (timeout && bool_field(e, "expired") ? "  expired" : "") +
                        (raised.empty() ? "  nothing raised" : "  raises " + raised);
        std::string level = "cancelling " + std::string(now > entry ? "is " : "back to ") + std::to_string(now);
        if (timeout) {
            bool expired = bool_field(e, "expired");
            if (expired && raised == "TimeoutError")
                *why = scope + " exits: " + level + " = level at entry → CancelledError becomes TimeoutError";
            else if (expired && raised == "CancelledError")
                *why = scope + " exits: " + level + " > " + std::to_string(entry) +
                       " at entry: an outer cancel is pending, so CancelledError propagates";
            else if (expired && raised.empty())
                *why = scope + " expired, but the block swallowed the CancelledError: nothing to convert";
            else if (expired)
                *why = scope + " expired, but " + raised + " left the block: it propagates unchanged";
            else if (raised == "CancelledError")
                *why = scope + " did not expire: the CancelledError is not its own, so it propagates";
        } else {
            if (raised == "ExceptionGroup" || raised == "BaseExceptionGroup")
                *why = scope + " exits: children failed → their errors leave together as " + raised;
            else if (raised == "CancelledError")
                *why = scope + " exits: " + level + " > " + std::to_string(entry) +
                       " at entry: the cancel came from outside the group, so CancelledError propagates";
            else if (sc && sc->aborted && raised.empty())
                *why = scope + " aborted but absorbed its own cancel of the parent: nothing raised";
        }
        return s;
    }
    if (kind == "taskgroup_enter") return "enters " + scope + "  (cancelling at entry " + std::to_string(t ? t->cancelling : 0) + ")";
    if (kind == "taskgroup_abort") return scope + " aborts → it cancels its unfinished children";
    if (kind == "print") return "print  " + str_field(e, "text");
    if (kind == "exit") {
        std::string exc = str_field(e, "exc");
        return "run over: main " + str_field(e, "status") + (exc.empty() ? "" : " (" + exc + ")");
    }
    if (kind == "diagnostic") return str_field(e, "code") + ": " + str_field(e, "message");
    if (kind == "error") return "error: " + str_field(e, "text");
    if (kind == "callback_error")
        return "exception in a loop callback: " + str_field(e, "exc") + " " + str_field(e, "message");
    // Anything else (events newer than this client): its fields.
    std::string s = kind;
    for (auto it = e.begin(); it != e.end(); ++it) {
        if (it.key() == "seq" || it.key() == "t" || it.key() == "event" || it.key() == "task" ||
            it.key() == "file" || it.key() == "line")
            continue;
        s += "  " + it.key() + "=" + (it->is_string() ? it->get<std::string>() : it->dump());
    }
    return s;
}

void PrettyView::render(const Event& ev, TaskModel& model) {
    // The words need most of the event's fields (msg, result, when, raised, text…): the
    // JSON value, built from the event's text here, at a terminal's pace.
    const Json& e = ev.json();
    std::string kind(ev.name());
    std::string task(ev.task);
    std::string scope(ev.scope);
    double t = ev.has_t ? ev.t : 0;
    std::string why;
    std::string text = what(e, model, &why);

    // The scope stack as it is during this event: with the scope being entered, and
    // still with the one being exited.
    std::vector<std::string> stack;
    if (const TaskInfo* ti = task.empty() ? nullptr : model.find(task)) stack = ti->scopes;
    if ((kind == "timeout_enter" || kind == "taskgroup_enter") && !scope.empty()) stack.push_back(scope);
    std::string scopes;
    for (auto& s : stack) scopes += (scopes.empty() ? "" : "›") + s;

    bool diagnostic = kind == "diagnostic" || kind == "error" || kind == "callback_error";
    bool decisive = !why.empty();
    std::string line = style_.dim(fmt_time(t)) + "  ";
    std::string tname = task.empty() ? "" : task;
    line += style_.task(tname) + std::string(width_of(tname) < kTaskWidth ? kTaskWidth - width_of(tname) : 1, ' ');
    line += style_.dim(pad(scopes, kScopeWidth)) + "  ";
    std::string src = source_of(e);
    std::string body = src.empty() ? text : pad(text, kWhatWidth) + "  " + src;
    if (diagnostic) body = style_.paint("!! " + body, "1;31");
    else if (kind == "print") body = style_.paint(body, "2");
    else if (decisive) body = style_.bold(body);
    else if (kind == "throw") body = style_.paint(body, "31");
    out_ << line << body << "\n";
    if (decisive) {
        std::string indent(8 + 2 + kTaskWidth + kScopeWidth + 2, ' ');
        out_ << indent << style_.paint("↳ " + why, "33") << "\n";
    }
    model.apply(ev);
}

void PrettyView::task_table(std::ostream& out, const TaskModel& model, const Style& style, bool tree) {
    auto tasks = model.tasks();
    char head[256];
    std::snprintf(head, sizeof head, "%-14s %-10s %-10s %-11s %-22s %s", "TASK", "STATE", "CANCELLING",
                  "MUST_CANCEL", "SCOPES", "LINE");
    out << style.bold(head) << "\n";
    // Tree: parents before children, indented by depth; flat: creation order.
    std::vector<std::pair<const TaskInfo*, int>> rows;
    if (tree) {
        std::function<void(const std::string&, int)> walk = [&](const std::string& parent, int depth) {
            for (auto* t : tasks)
                if (t->parent == parent) {
                    rows.push_back({t, depth});
                    walk(t->name, depth + 1);
                }
        };
        walk("", 0);
        for (auto* t : tasks)  // orphans whose parent never appeared
            if (!t->parent.empty() && !model.find(t->parent)) rows.push_back({t, 0});
    } else {
        for (auto* t : tasks) rows.push_back({t, 0});
    }
    for (auto [t, depth] : rows) {
        std::string scopes;
        for (auto& s : t->scopes) scopes += (scopes.empty() ? "" : "›") + s;
        std::string name = std::string(static_cast<size_t>(depth) * 2, ' ') + t->name;
        std::string state = t->state == "exception" ? "exception" : t->state;
        char row[512];
        std::snprintf(row, sizeof row, "%-10s %-11s %-22s %s", std::to_string(t->cancelling).c_str(),
                      t->must_cancel ? "yes" : "-", scopes.empty() ? "-" : scopes.c_str(),
                      t->line ? (source_of(Json{{"file", t->file}, {"line", t->line}})).c_str() : "-");
        out << style.task(pad(name, 14)) << " " << pad(state, 10) << " " << row << "\n";
    }
}

// t and when as Python prints floats (0.5, 1.0, 4.6000000000000005).
std::string python_number(const Json& v) {
    std::ostringstream s;
    s << python_style_dump(v);
    return s.str();
}

}  // namespace tl::client
