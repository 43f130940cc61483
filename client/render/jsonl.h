// The jsonl view: each event as one line, byte for byte as `tasklensd run --format jsonl`
// writes it (Python json.dumps spacing, fields in the daemon's order), so scripts and the
// conformance tools can read `tasklens run --format jsonl` unchanged.
#pragma once
#include "client/connection.h"

#include <string>

namespace tl::client {

// One event in json.dumps style: `{"seq": 1, "t": 0.0, ...}`, floats as Python repr.
std::string python_style_dump(const Json& value);

}  // namespace tl::client
