// Event (event.h): the kind table, the lazily built JSON value, and the typed fields
// read off a Json event (recordings, the generic path of a batch the fast reader declined).
#include "client/model/event.h"

#include "client/json_reader.h"
#include "client/render/jsonl.h"

#include <array>

namespace tl::client {
namespace {

constexpr std::array<std::string_view, 18> kNames = {
    "",          "task_created", "cancel",          "uncancel",        "throw",
    "done",      "timeout_enter", "timeout_reschedule", "timeout_expire", "timeout_exit",
    "taskgroup_enter", "taskgroup_abort", "taskgroup_exit", "print", "exit",
    "callback_error", "diagnostic", "error",
};

std::string_view string_of(Event& ev, const Json& e, const char* key) {
    auto it = e.find(key);
    if (it == e.end() || !it->is_string()) return {};
    const std::string& s = it->get_ref<const std::string&>();
    return s.empty() ? std::string_view() : ev.own(s);
}

}  // namespace

EventKind event_kind_of(std::string_view name) {
    if (name.empty()) return EventKind::other;
    for (size_t i = 1; i < kNames.size(); ++i)
        if (kNames[i].size() == name.size() && kNames[i][0] == name[0] && kNames[i] == name)
            return static_cast<EventKind>(i);
    return EventKind::other;
}

std::string_view event_kind_name(EventKind kind) { return kNames[static_cast<size_t>(kind)]; }

const Json& Event::json() const {
    if (!json_) {
        Json j;
        if (src_) {
            j = read_json(text());
            if (canonical_) j = canonical_order(std::move(j));
        }
        json_ = std::make_shared<const Json>(std::move(j));
    }
    return *json_;
}

Event Event::fields_of(const Json& e) {
    Event ev;
    if (!e.is_object()) return ev;
    std::string_view kind = string_of(ev, e, "event");
    ev.kind = event_kind_of(kind);
    if (ev.kind == EventKind::other) ev.other_kind = kind;
    if (auto it = e.find("seq"); it != e.end() && it->is_number()) ev.seq = it->get<std::int64_t>();
    if (auto it = e.find("t"); it != e.end() && it->is_number()) ev.t = it->get<double>(), ev.has_t = true;
    ev.task = string_of(ev, e, "task");
    ev.scope = string_of(ev, e, "scope");
    ev.by = string_of(ev, e, "by");
    ev.parent = string_of(ev, e, "parent");
    ev.coro = string_of(ev, e, "coro");
    ev.state = string_of(ev, e, "state");
    ev.exc = string_of(ev, e, "exc");
    ev.file = string_of(ev, e, "file");
    ev.status = string_of(ev, e, "status");
    ev.cause = string_of(ev, e, "cause");
    if (auto it = e.find("cancelling"); it != e.end() && it->is_number())
        ev.cancelling = it->get<long>(), ev.has_cancelling = true;
    if (auto it = e.find("must_cancel"); it != e.end() && it->is_boolean()) ev.must_cancel = it->get<bool>();
    if (auto it = e.find("line"); it != e.end() && it->is_number()) ev.line = it->get<long>(), ev.has_line = true;
    return ev;
}

Event Event::from_json(Json e) {
    Event ev = fields_of(e);
    ev.json_ = std::make_shared<const Json>(std::move(e));
    return ev;
}

}  // namespace tl::client
