// The jsonl view: each event as one line, byte for byte as `tasklensd run --format jsonl`
// writes it (Python json.dumps spacing, fields in the daemon's order), so scripts and the
// conformance tools can read `tasklens run --format jsonl` unchanged.
#pragma once
#include "client/connection.h"

#include <string>

namespace tl::client {

// The event with its fields in the order `tasklensd run` writes them: seq, t, event, the
// contract fields in TRACE.md's order, then cause, cause_scope, cancelling_before, file,
// line, then any others. Needed because the wire's JSON objects carry no key order.
Json canonical_order(const Json& event);
// The same, moving an event that is already in that order (the daemon's usual case).
Json canonical_order(Json&& event);

// One event in json.dumps style: `{"seq": 1, "t": 0.0, ...}`, floats as Python repr.
std::string python_style_dump(const Json& value);

}  // namespace tl::client
