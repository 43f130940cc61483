// `tasklens top`'s full-screen ncurses dashboard, in the spirit of tokio-console: the task
// table (sortable, filterable), the event log beneath it, the selected task's details, and
// keys to pause, step, cancel and uncancel. Live (an EventFeed) or over a recording (seek).
#pragma once
#include "client/event_feed.h"

#include <string>
#include <vector>

namespace tl::client {

struct DashboardOptions {
    std::vector<Event> recording;  // replay mode when `live` is null
    std::string title;
    bool color = true;  // false: --color never or NO_COLOR (no colour pairs, only bold/reverse)
};

// Runs until the user quits (q); returns the exit status (0, or 1 if the run failed).
int run_dashboard(EventFeed* live, const DashboardOptions& options);

}  // namespace tl::client
