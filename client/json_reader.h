// The client's JSON reader for daemon messages: one pass over the body building the same
// ordered_json that nlohmann's parser builds, several times faster (issue 5: a client must
// parse 1M events/s). Whatever it does not reproduce exactly it declines, and read_json
// then hands the text to nlohmann, so the result never differs from Json::parse's.
//
// read_event_batch reads a `session/event` notification straight into Events (the
// client's per-event hot path: no JSON tree per event); read_event does one event line.
#pragma once
#include "client/connection.h"
#include "client/model/event.h"

#include <memory>
#include <vector>

#include <optional>
#include <string_view>

namespace tl::client {

// The value of `text`, as Json::parse(text) would build it (keys in document order,
// non-negative integers unsigned, negative ones signed, the rest double); nullopt when the
// text is not JSON or uses something this reader leaves to nlohmann (a duplicate key, a
// number out of double's range, nesting deeper than 256).
std::optional<Json> read_json_fast(std::string_view text);

// read_json_fast, else Json::parse(text, nullptr, false): a discarded value on bad JSON.
Json read_json(std::string_view text);

// A `session/event` notification's session and events.
struct EventBatch {
    std::string session;
    std::vector<Event> events;
};

// When `body` is a `session/event` notification ({jsonrpc, method, params: {session,
// events: [objects], any other params}}), fills `out` (each Event keeps `body` as its
// text, canonical order for json()) and returns true; false for any other message or
// anything unusual, which the caller then reads with read_json.
bool read_event_batch(const std::shared_ptr<const std::string>& body, EventBatch& out);

// One event object (a JSON line); nullopt when the text is not a JSON object the fast
// reader takes, and then from read_json's value when that is an object.
std::optional<Event> read_event(const std::shared_ptr<const std::string>& text, bool canonical);

}  // namespace tl::client
