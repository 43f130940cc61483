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

TaskInfo& TaskModel::ensure(const std::string& name) {
    auto [it, fresh] = tasks_.try_emplace(name);
    if (fresh) {
        it->second.name = name;
        it->second.order = tasks_.size();
    }
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

void TaskModel::apply(const Json& e) {
    ++events_;
    if (auto it = e.find("t"); it != e.end() && it->is_number()) now_ = it->get<double>();
    std::string kind = str_field(e, "event");
    std::string task = str_field(e, "task");
    std::string scope = str_field(e, "scope");
    if (!task.empty() && kind != "task_created" && !tasks_.count(task)) adopt_new_name(task);
    if (!silent_.empty())
        for (const char* key : {"task", "by", "parent"}) silent_.erase(str_field(e, key));
    TaskInfo* t = task.empty() ? nullptr : &ensure(task);
    if (t) {
        t->last_event = kind;
        t->last_t = now_;
        if (e.contains("line") && e["line"].is_number()) {
            t->line = int_field(e, "line");
            t->file = str_field(e, "file");
        }
    }
    if (kind == "task_created") {
        t->coro = str_field(e, "coro");
        t->parent = str_field(e, "parent");
        if (task.size() > 5 && task.compare(0, 5, "Task-") == 0 &&
            task.find_first_not_of("0123456789", 5) == std::string::npos)
            silent_[task] = t->order;
    } else if (kind == "cancel" || kind == "uncancel") {
        t->cancelling = static_cast<int>(int_field(e, "cancelling", t->cancelling));
        t->must_cancel = bool_field(e, "must_cancel");
    } else if (kind == "throw") {
        t->must_cancel = false;  // the step that throws consumes a pending _must_cancel
    } else if (kind == "done") {
        t->state = str_field(e, "state");
        t->exc = str_field(e, "exc");
        t->must_cancel = false;
    } else if (kind == "timeout_enter" || kind == "taskgroup_enter") {
        ScopeInfo s;
        s.name = scope;
        s.task = task;
        s.cancelling_at_entry = t ? t->cancelling : 0;
        scopes_[scope] = s;
        if (t) t->scopes.push_back(scope);
    } else if (kind == "timeout_expire") {
        scopes_[scope].expired = true;
    } else if (kind == "taskgroup_abort") {
        scopes_[scope].aborted = true;
    } else if (kind == "timeout_exit" || kind == "taskgroup_exit") {
        scopes_[scope].open = false;
        if (t) {
            auto pos = std::find(t->scopes.begin(), t->scopes.end(), scope);
            if (pos != t->scopes.end()) t->scopes.erase(pos);
        }
    } else if (kind == "exit") {
        over_ = true;
        exit_status_ = str_field(e, "status");
    }
}

}  // namespace tl::client
