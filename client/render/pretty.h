// The pretty view: one aligned line per event — loop time, task (stable colour), scope
// stack, what happened with counters before → after and who did it, source line — plus a
// "↳ why" line under the events that decide an outcome (a timeout converting or not, a
// task group raising, a rescinded cancel). Diagnostics stand out.
#pragma once
#include "client/model/task_model.h"
#include "client/render/style.h"

#include <ostream>
#include <string>

namespace tl::client {

class PrettyView {
public:
    PrettyView(std::ostream& out, Style style) : out_(out), style_(style) {}
    // Renders one event; `model` must not have seen it yet (the view reads the state
    // before it, e.g. a scope's level at entry), and is updated by this call.
    void render(const Event& event, TaskModel& model);
    void render(const Json& event, TaskModel& model) { render(Event::from_json(event), model); }
    // The task table (breakpoint prompt, `tasks`).
    static void task_table(std::ostream& out, const TaskModel& model, const Style& style, bool tree);

private:
    std::string what(const Json& e, const TaskModel& model, std::string* why) const;
    std::ostream& out_;
    Style style_;
};

// The source location of an event as `file:line` with the file's base name, or "".
std::string source_of(const Json& e);

}  // namespace tl::client
