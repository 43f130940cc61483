// A self-contained HTML timeline of a run (no network, inline JS/CSS): swimlanes per task,
// scopes as nested bars, cancel arrows, throw/uncancel glyphs, the cancelling step line, a
// virtualised event list. The page template is client/render/timeline.html, compiled in via
// client/render/timeline_html.inc (regenerate with client/render/gen_timeline_inc.sh).
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

// Writes the page with `events` embedded as JSON (every '<' escaped so no string can close the
// script element). Returns false with *error set when the stream cannot be written.
bool write_html(const std::vector<nlohmann::json>& events, std::ostream& out, std::string* error);

