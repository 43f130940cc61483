// The client's picture of a session, rebuilt from its events alone (TRACE.md): each task's
// state and counters, its scope stack, and each scope's level at entry. The pretty view,
// the breakpoint prompt and `top` all read it; it never asks the daemon anything.
#pragma once
#include "client/connection.h"
#include "client/model/event.h"

#include <map>
#include <string>
#include <vector>

namespace tl::client {

struct ScopeInfo {
    std::string name;          // Timeout-N / TaskGroup-N
    std::string task;          // the task whose block it is
    int cancelling_at_entry = 0;
    bool expired = false;      // timeouts: timeout_expire seen
    bool aborted = false;      // task groups: taskgroup_abort seen
    bool open = true;
};

struct TaskInfo {
    std::string name, coro, parent;
    std::string state = "pending";  // pending, finished, cancelled, exception
    std::string exc;                // exception class for state exception
    int cancelling = 0;
    bool must_cancel = false;
    std::vector<std::string> scopes;  // innermost last
    std::string file;
    long line = 0;
    std::string last_event;
    double last_t = 0;
    size_t order = 0;  // creation order
};

class TaskModel {
public:
    void apply(const Event& event);
    void apply(const Json& event) { apply(Event::fields_of(event)); }
    void clear() { *this = TaskModel(); }
    TaskInfo* find(const std::string& name);
    const TaskInfo* find(const std::string& name) const;
    std::vector<const TaskInfo*> tasks() const;  // creation order
    const ScopeInfo* scope(const std::string& name) const;
    bool over() const { return over_; }
    const std::string& exit_status() const { return exit_status_; }
    size_t events() const { return events_; }
    double now() const { return now_; }

private:
    TaskInfo& ensure(std::string_view name);
    // 3.11/3.12 name some tasks right after creating them (TRACE.md, Names): a name never
    // created takes over the entry of a Task-N not mentioned since its creation (see .cpp).
    void adopt_new_name(const std::string& name);
    // Transparent comparators: an event's fields (string_views) look entries up as they are.
    std::map<std::string, TaskInfo, std::less<>> tasks_;
    std::map<std::string, size_t, std::less<>> silent_;  // Task-N not mentioned since task_created -> its order
    std::map<std::string, ScopeInfo, std::less<>> scopes_;
    bool over_ = false;
    std::string exit_status_;
    size_t events_ = 0;
    double now_ = 0;
};

// Small accessors for event fields that may be missing or null.
std::string str_field(const Json& e, const char* key);
long int_field(const Json& e, const char* key, long fallback = 0);
bool bool_field(const Json& e, const char* key);

}  // namespace tl::client
