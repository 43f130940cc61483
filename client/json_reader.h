// The client's JSON reader for daemon messages: one pass over the body building the same
// ordered_json that nlohmann's parser builds, several times faster (issue 5: a client must
// parse 1M events/s). Whatever it does not reproduce exactly it declines, and read_json
// then hands the text to nlohmann, so the result never differs from Json::parse's.
#pragma once
#include "client/connection.h"

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

}  // namespace tl::client
