// Chrome trace-event JSON (the format ui.perfetto.dev and chrome://tracing open) from a run's
// trace events (TRACE.md objects plus extras). Used by `tasklens export --perfetto` and
// `tasklens run --perfetto`; tests/visual/check_perfetto.py checks the output's rules.
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>
#include <vector>

// Writes one JSON object {"traceEvents": [...], "displayTimeUnit": "ms", ...}: one thread
// track per task (pid = the parent task's group, so children sit together under their parent),
// the task's lifetime and each Timeout/TaskGroup as nested X slices, cancel/uncancel/throw
// as instant events with their counters as args, flow arrows canceller -> cancelled task, and
// a "cancelling" counter per task. Virtual seconds become microseconds; events at the same
// time are spread by 1 ns per event so they keep their order. Returns false with *error set
// when the stream cannot be written (events it cannot place are kept as instants, not errors).
bool write_perfetto(const std::vector<nlohmann::json>& events, std::ostream& out, std::string* error);

