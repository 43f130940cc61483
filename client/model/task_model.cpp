// TaskModel: folds TRACE.md events into per-task and per-scope state. Counters come from
// the events themselves (`cancelling`, `must_cancel` after each call); a scope's level
// at entry is the task's cancelling() when its *_enter event arrived, which is what
// Timeout.__aenter__ and TaskGroup.__aenter__ record in CPython.
#include "client/model/task_model.h"

#include <algorithm>
#include <cstdint>

namespace tl::client {

std::string str_field(const Json& e, const char* key) {
    auto it = e.find(key);
    if (it == e.end() || !it->is_string()) return "";
    return it->get<std::string>();
}

long int_field(const Json& e, const char* key, long fallback) {
    auto it = e.find(key);
    if (it == e.end() || !it->is_number()) return fallback;
    return it->get<long>();
}

bool bool_field(const Json& e, const char* key) {
    auto it = e.find(key);
    return it != e.end() && it->is_boolean() && it->get<bool>();
}

TaskInfo& TaskModel::ensure(std::string_view name) {
    auto it = tasks_.find(name);
    if (it != tasks_.end()) return it->second;
    it = tasks_.emplace(std::string(name), TaskInfo()).first;
    it->second.name = std::string(name);
    it->second.order = tasks_.size();
    return it->second;
}

TaskInfo* TaskModel::find(const std::string& name) {
    auto it = tasks_.find(name);
    return it == tasks_.end() ? nullptr : &it->second;
}

const TaskInfo* TaskModel::find(const std::string& name) const {
    auto it = tasks_.find(name);
    return it == tasks_.end() ? nullptr : &it->second;
}

const ScopeInfo* TaskModel::scope(const std::string& name) const {
    auto it = scopes_.find(name);
    return it == scopes_.end() ? nullptr : &it->second;
}

std::vector<const TaskInfo*> TaskModel::tasks() const {
    std::vector<const TaskInfo*> out;
    for (auto& [_, t] : tasks_) out.push_back(&t);
    std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->order < b->order; });
    return out;
}

// A name the trace never created, while some Task-N has not been mentioned since its
// task_created, is that task's new name (3.11's TaskGroup.create_task and 3.11/3.12's
// create_task(name=...) rename right after creating): the first such task whose coroutine has
// that name, else the first created of them. Events arrive one by one here, so unlike the
// exports (which look ahead) this may pick a Task-N that is merely quiet; it is a guess.
void TaskModel::adopt_new_name(const std::string& name) {
    if (silent_.empty() || tasks_.count(name)) return;
    const std::string* old = nullptr;
    size_t best = SIZE_MAX, best_coro = SIZE_MAX;
    const std::string* old_coro = nullptr;
    for (auto& [candidate, order] : silent_) {
        if (order < best) best = order, old = &candidate;
        auto it = tasks_.find(candidate);
        if (it != tasks_.end() && it->second.coro == name && order < best_coro) best_coro = order, old_coro = &candidate;
    }
    std::string from = old_coro ? *old_coro : *old;
    silent_.erase(from);
    auto node = tasks_.extract(from);
    if (node.empty()) return;
    node.key() = name;
    node.mapped().name = name;
    tasks_.insert(std::move(node));
    for (auto& [_, other] : tasks_)
        if (other.parent == from) other.parent = name;
    for (auto& [_, sc] : scopes_)
        if (sc.task == from) sc.task = name;
}

void TaskModel::apply(const Event& e) {
    ++events_;
    if (e.has_t) now_ = e.t;
    EventKind kind = e.kind;
    std::string_view task = e.task;
    std::string_view scope = e.scope;
    if (!task.empty() && kind != EventKind::task_created && tasks_.find(task) == tasks_.end())
        adopt_new_name(std::string(task));
    if (!silent_.empty())
        for (std::string_view key : {e.task, e.by, e.parent})
            if (auto it = silent_.find(key); it != silent_.end()) silent_.erase(it);
    TaskInfo* t = task.empty() ? nullptr : &ensure(task);
    if (t) {
        t->last_event = e.name();
        t->last_t = now_;
        if (e.has_line) {
            t->line = e.line;
            t->file = e.file;
        }
    }
    switch (kind) {
        case EventKind::task_created:
            if (!t) break;
            t->coro = e.coro;
            t->parent = e.parent;
            if (task.size() > 5 && task.substr(0, 5) == "Task-" &&
                task.find_first_not_of("0123456789", 5) == std::string_view::npos)
                silent_[std::string(task)] = t->order;
            break;
        case EventKind::cancel:
        case EventKind::uncancel:
            if (!t) break;
            t->cancelling = static_cast<int>(e.has_cancelling ? e.cancelling : t->cancelling);
            t->must_cancel = e.must_cancel;
            break;
        case EventKind::throw_:
            if (t) t->must_cancel = false;  // the step that throws consumes a pending _must_cancel
            break;
        case EventKind::done:
            if (!t) break;
            t->state = e.state;
            t->exc = e.exc;
            t->must_cancel = false;
            break;
        case EventKind::timeout_enter:
        case EventKind::taskgroup_enter: {
            ScopeInfo s;
            s.name = scope;
            s.task = task;
            s.cancelling_at_entry = t ? t->cancelling : 0;
            scopes_[std::string(scope)] = s;
            if (t) t->scopes.emplace_back(scope);
            break;
        }
        case EventKind::timeout_expire: scopes_[std::string(scope)].expired = true; break;
        case EventKind::taskgroup_abort: scopes_[std::string(scope)].aborted = true; break;
        case EventKind::timeout_exit:
        case EventKind::taskgroup_exit:
            scopes_[std::string(scope)].open = false;
            if (t) {
                auto pos = std::find(t->scopes.begin(), t->scopes.end(), scope);
                if (pos != t->scopes.end()) t->scopes.erase(pos);
            }
            break;
        case EventKind::exit:
            over_ = true;
            exit_status_ = e.status;
            break;
        default: break;
    }
}

}  // namespace tl::client
