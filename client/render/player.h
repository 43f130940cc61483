// Plays an EventFeed through a text view (pretty or jsonl) until the run ends: records it,
// keeps every event for exports, and at a breakpoint stop shows the task table and asks
// for a key (c continue, s step, x cancel a task, q quit). Shared by run, attach, replay.
#pragma once
#include "client/event_feed.h"
#include "client/render/style.h"

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace tl::client {

struct Breakpoint {
    std::string event, task;  // "" = any
};
// Parses EVENT[:TASK]; false for an empty event name.
bool parse_breakpoint(const std::string& text, Breakpoint* out);

struct PlayOptions {
    bool pretty = true;
    Style style;
    std::string record_path;          // "" = no recording
    bool show_session = false;        // prefix lines with the session (attach --all)
    bool interactive = false;         // breakpoints prompt on the terminal
    std::vector<Breakpoint> local_breakpoints;  // matched here when the feed cannot steer
    long from_seq = 0, to_seq = 0;    // replay seek: only events in [from, to] are shown
    double until_t = -1;              // replay: stop after loop time passes this
};

struct PlayResult {
    int status = 0;                   // exit status for the command
    std::vector<Event> events;        // every event seen
    std::string exit_status;          // finished / cancelled / exception / error / …
};

PlayResult play(EventFeed& feed, std::ostream& out, const PlayOptions& options);

}  // namespace tl::client
