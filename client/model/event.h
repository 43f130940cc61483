// One trace event as the client holds it (TRACE.md): the kind as an enum, seq and t as
// numbers, and the fields the task model and the views read as typed members, read
// straight off the wire by client/json_reader (read_event_batch) with no JSON tree. The
// event's own text is kept (shared with its batch), and the full ordered_json — needed
// only for the rare fields and by exports — is built from it on first use (json()).
#pragma once
#include "client/connection.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

namespace tl::client {

enum class EventKind : std::uint8_t {
    other,  // a kind this client does not know (kind_name() is then the event's own name)
    task_created,
    cancel,
    uncancel,
    throw_,
    done,
    timeout_enter,
    timeout_reschedule,
    timeout_expire,
    timeout_exit,
    taskgroup_enter,
    taskgroup_abort,
    taskgroup_exit,
    print,
    exit,
    callback_error,
    diagnostic,
    error,
};

// The kind named `name` (TRACE.md's spelling), EventKind::other for any other name.
EventKind event_kind_of(std::string_view name);
// TRACE.md's name of a known kind ("" for other).
std::string_view event_kind_name(EventKind kind);

struct Event {
    EventKind kind = EventKind::other;
    std::string_view other_kind;  // the `event` string when kind is other
    std::int64_t seq = 0;
    double t = 0;
    bool has_t = false;      // `t` was a number
    // The fields TaskModel and the views read. As str_field/int_field/bool_field read a
    // JSON event: a string field that is missing or not a string is "", a bool is true
    // only when it is `true`, a number field is flagged when present as a number.
    // The strings are views into the event's text when it holds them verbatim (no
    // escapes: nearly always), else into strings the event owns; copies share both.
    std::string_view task, scope, by, parent, coro, state, exc, file, status, cause;
    long cancelling = 0;
    bool has_cancelling = false;
    bool must_cancel = false;
    long line = 0;
    bool has_line = false;   // `line` was a number

    std::string_view name() const { return kind == EventKind::other ? other_kind : event_kind_name(kind); }
    // The whole event as nlohmann builds it from its text (fields in TRACE.md's order when
    // the event came from a daemon session, as canonical_order makes them); built once.
    const Json& json() const;
    // The event's JSON text as received ("" when it was built from a Json value).
    std::string_view text() const { return src_ ? std::string_view(*src_).substr(off_, len_) : std::string_view(); }

    // From a JSON value: the typed fields read off it, the value kept as json().
    static Event from_json(Json event);
    // Only the typed fields of `event` (json() would then be null): for folding a Json
    // event into the model without keeping it.
    static Event fields_of(const Json& event);

    // Set by the reader: the text is src[off, off+len); `canonical` asks json() to put
    // the fields in TRACE.md's order (daemon sessions; recordings keep the file's order).
    void set_source(std::shared_ptr<const std::string> src, std::size_t off, std::size_t len, bool canonical) {
        src_ = std::move(src);
        off_ = off;
        len_ = len;
        canonical_ = canonical;
    }
    // Keeps `s` with the event (a decoded string field); returns a view of it.
    std::string_view own(std::string s) {
        if (!owned_) owned_ = std::make_shared<std::deque<std::string>>();
        owned_->push_back(std::move(s));  // deque: earlier strings never move
        return owned_->back();
    }

private:
    std::shared_ptr<std::deque<std::string>> owned_;
    std::shared_ptr<const std::string> src_;
    std::size_t off_ = 0, len_ = 0;
    bool canonical_ = false;
    mutable std::shared_ptr<const Json> json_;
};

}  // namespace tl::client
