// Chrome trace-event export of a run (see perfetto.h): walks the trace once, keeping per task
// a track (pid = its parent's child group, tid = its own) and a stack of open slices, and turns
// each TRACE.md event into B/E slices, instants, counters and flow arrows.
#include "client/render/perfetto.h"

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace {

using nlohmann::json;

// The loop's own track (one "asyncio.run" slice; print, exit, events that name no task, the
// source of cancels made by plain callbacks) sits in the roots' process.
constexpr int kRootPid = 1;
constexpr int kLoopTid = 1000000000;

std::optional<std::string> str_field(const json& ev, const char* key) {
    auto it = ev.find(key);
    if (it == ev.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

struct Track {
    int pid = kRootPid;
    int tid = 0;
    std::string name;
    std::string shown;  // the track's title: the name the task ends up with (3.11 renames)
    std::vector<std::string> open;  // names of the open B slices, innermost last
    bool ever_opened = false;
};

class PerfettoBuilder {
public:
    explicit PerfettoBuilder(json& out) : out_(out) {}

    void add(const json& ev) {
        if (!ev.is_object()) return;
        ts_ = next_ts(ev);
        if (!loop_used_) open_slice(loop_track(), "asyncio.run", "loop", json::object());
        std::string kind = str_field(ev, "event").value_or("?");
        auto task = str_field(ev, "task");
        auto scope = str_field(ev, "scope");
        if (kind == "task_created" && task) {
            task_created(ev, *task);
        } else if (kind == "done" && task) {
            Track& tr = track_for(*task);
            json args = {{"state", ev.value("state", json())}, {"exc", ev.value("exc", json())}};
            close_slice(tr, tr.name, args, /*whole_stack=*/true);
        } else if ((kind == "timeout_enter" || kind == "taskgroup_enter") && scope) {
            Track& tr = track_for(task.value_or(""));
            scope_owner_[*scope] = tr.name;
            json args = args_of(ev);
            open_slice(tr, *scope, kind == "timeout_enter" ? "timeout" : "taskgroup", args);
        } else if ((kind == "timeout_exit" || kind == "taskgroup_exit") && scope) {
            Track& tr = scope_track(*scope, task);
            close_slice(tr, *scope, args_of(ev), false);
        } else if (kind == "cancel" && task) {
            cancel(ev, *task);
        } else if (kind == "uncancel" && task) {
            Track& tr = track_for(*task);
            instant(tr, "uncancel", "cancel", ev);
            counter(tr, ev.value("cancelling", json()));
        } else if (kind == "throw" && task) {
            instant(track_for(*task), "throw " + str_field(ev, "exc").value_or("?"), "throw", ev);
        } else if (kind == "timeout_expire" || kind == "timeout_reschedule" || kind == "taskgroup_abort") {
            Track& tr = scope ? scope_track(*scope, task) : loop_track();
            if (scope && kind != "timeout_reschedule") cause_ts_[*scope] = {ts_, tr.name};
            instant(tr, kind + (scope ? " " + *scope : ""), "scope", ev);
        } else if (kind == "diagnostic") {
            Track& tr = task ? track_for(*task) : loop_track();
            instant(tr, "diagnostic " + str_field(ev, "code").value_or(""), "diagnostic", ev);
        } else {
            // print, exit, and anything newer than this writer: kept, on the task's track when it names one.
            instant(task ? track_for(*task) : loop_track(), kind, "event", ev);
        }
        last_event_task_ = task;
    }

    // Slices still open at the end (a truncated trace) are closed at the last timestamp.
    void finish() {
        ts_ += 1;
        for (auto& [name, tr] : tracks_) {
            while (!tr.open.empty()) close_top(tr, json{{"unfinished", true}});
        }
        while (!loop_.open.empty()) close_top(loop_, json::object());
        if (loop_used_) thread_meta(loop_, 0);
        for (const auto& [name, tr] : tracks_) thread_meta(tr, tr.tid);
        for (const auto& [pid, name] : process_names_) {
            out_.push_back({{"ph", "M"}, {"name", "process_name"}, {"pid", pid}, {"tid", 0}, {"ts", 0},
                            {"args", {{"name", name}}}});
            out_.push_back({{"ph", "M"}, {"name", "process_sort_index"}, {"pid", pid}, {"tid", 0}, {"ts", 0},
                            {"args", {{"sort_index", pid}}}});
        }
    }

private:
    // Virtual seconds -> microseconds, in whole nanoseconds, never going back and never equal:
    // equal times (most of a run's events) are spread by 1 ns in emission order.
    double next_ts(const json& ev) {
        auto it = ev.find("t");
        int64_t ns = last_ns_;
        if (it != ev.end() && it->is_number()) {
            double t = it->get<double>();
            if (std::isfinite(t) && t >= 0 && t < 9e9) ns = static_cast<int64_t>(std::llround(t * 1e9));
        }
        if (started_ && ns <= last_ns_) ns = last_ns_ + 1;
        started_ = true;
        last_ns_ = ns;
        return static_cast<double>(ns) / 1000.0;
    }

    static json args_of(const json& ev) {
        json a = json::object();
        for (auto it = ev.begin(); it != ev.end(); ++it) {
            if (it.key() != "event" && it.key() != "t") a[it.key()] = it.value();
        }
        return a;
    }

    Track& loop_track() {
        if (!loop_used_) {
            loop_used_ = true;
            loop_.pid = kRootPid;
            loop_.tid = kLoopTid;
            loop_.name = "loop (callbacks, print, exit)";
            process_names_.emplace(kRootPid, "tasks without a parent");
        }
        return loop_;
    }

    // A task's track, made on first mention. 3.11's TaskGroup.create_task renames a task right
    // after creating it: a name never seen, right after a task_created whose task has not been
    // mentioned since, is that task's new name (TRACE.md, Names).
    Track& track_for(const std::string& task) {
        if (task.empty()) return loop_track();
        auto it = tracks_.find(task);
        if (it != tracks_.end()) return it->second;
        auto alias = aliases_.find(task);
        if (alias != aliases_.end()) return tracks_.at(alias->second);
        if (just_created_ && last_event_task_ == just_created_) {
            aliases_[task] = *just_created_;
            Track& tr = tracks_.at(*just_created_);
            tr.shown = task;
            just_created_.reset();
            return tr;
        }
        // A task the trace never created (a trace cut at the front): its lifetime slice starts
        // here, so its events and arrows still have a slice to sit in.
        Track& made = new_track(task, std::nullopt);
        open_slice(made, task, "task", json{{"note", "first seen here; no task_created in the trace"}});
        return made;
    }

    Track& new_track(const std::string& task, const std::optional<std::string>& parent) {
        Track tr;
        tr.tid = next_tid_++;
        tr.name = task;
        if (parent && tracks_.count(*parent)) {
            const Track& p = tracks_.at(*parent);
            tr.pid = p.tid + 1;  // the child group of the parent; pid 1 stays the roots' group
            process_names_.emplace(tr.pid, "children of " + *parent);
        } else {
            process_names_.emplace(kRootPid, "tasks without a parent");
        }
        Track& placed = tracks_.emplace(task, std::move(tr)).first->second;
        counter(placed, 0);
        return placed;
    }

    void thread_meta(const Track& tr, int sort_index) {
        out_.push_back({{"ph", "M"}, {"name", "thread_name"}, {"pid", tr.pid}, {"tid", tr.tid}, {"ts", 0},
                        {"args", {{"name", tr.shown.empty() ? tr.name : tr.shown}}}});
        out_.push_back({{"ph", "M"}, {"name", "thread_sort_index"}, {"pid", tr.pid}, {"tid", tr.tid}, {"ts", 0},
                        {"args", {{"sort_index", sort_index}}}});
    }

    void task_created(const json& ev, const std::string& task) {
        auto parent = str_field(ev, "parent");
        if (tracks_.count(task) && tracks_.at(task).ever_opened) {
            // The same name twice (name= reused): a fresh track under a distinguishing name.
            std::string again = task + " #" + std::to_string(next_tid_);
            aliases_.erase(task);
            tracks_.emplace(again, std::move(tracks_.at(task)));
            tracks_.erase(task);
        }
        Track& tr = tracks_.count(task) ? tracks_.at(task) : new_track(task, parent);
        json args = {{"coro", ev.value("coro", json())}, {"parent", ev.value("parent", json())},
                     {"seq", ev.value("seq", json())}};
        open_slice(tr, tr.name, "task", args);
        just_created_ = task;
    }

    Track& scope_track(const std::string& scope, const std::optional<std::string>& task) {
        auto it = scope_owner_.find(scope);
        if (it != scope_owner_.end()) return track_for(it->second);
        return task ? track_for(*task) : loop_track();
    }

    void open_slice(Track& tr, const std::string& name, const char* cat, const json& args) {
        out_.push_back({{"ph", "B"}, {"name", name}, {"cat", cat}, {"pid", tr.pid}, {"tid", tr.tid}, {"ts", ts_},
                        {"args", args}});
        tr.open.push_back(name);
        tr.ever_opened = true;
    }

    void close_top(Track& tr, const json& args) {
        out_.push_back({{"ph", "E"}, {"pid", tr.pid}, {"tid", tr.tid}, {"ts", ts_}, {"args", args}});
        tr.open.pop_back();
    }

    // Closes `name` and whatever is still open inside it, so B/E always nest on a track. An exit
    // for a slice that is not open becomes an instant instead.
    void close_slice(Track& tr, const std::string& name, const json& args, bool whole_stack) {
        size_t depth = tr.open.size();
        while (depth > 0 && tr.open[depth - 1] != name) --depth;
        if (depth == 0) {
            if (whole_stack && !tr.open.empty()) depth = 1;
            else {
                json a = args;
                a["unmatched"] = name;
                out_.push_back({{"ph", "i"}, {"s", "t"}, {"name", "exit " + name}, {"cat", "scope"}, {"pid", tr.pid},
                                {"tid", tr.tid}, {"ts", ts_}, {"args", a}});
                return;
            }
        }
        while (tr.open.size() > depth) close_top(tr, json{{"closed_by", name}});
        close_top(tr, args);
    }

    void instant(Track& tr, const std::string& name, const char* cat, const json& ev) {
        out_.push_back({{"ph", "i"}, {"s", "t"}, {"name", name}, {"cat", cat}, {"pid", tr.pid}, {"tid", tr.tid},
                        {"ts", ts_}, {"args", args_of(ev)}});
    }

    void counter(Track& tr, const json& value) {
        if (!value.is_number()) return;
        out_.push_back({{"ph", "C"}, {"name", "cancelling " + tr.name}, {"pid", tr.pid}, {"tid", tr.tid},
                        {"ts", ts_}, {"args", {{"cancelling", value}}}});
    }

    // A cancel: an instant on the target, its counter, and a flow arrow from the canceller —
    // the task in `by`, else the scope in `cause_scope` (from its expiry or abort instant).
    void cancel(const json& ev, const std::string& task) {
        Track& target = track_for(task);
        instant(target, "cancel", "cancel", ev);
        counter(target, ev.value("cancelling", json()));
        double from_ts = ts_;
        Track* source = nullptr;
        if (auto by = str_field(ev, "by")) {
            source = &track_for(*by);
        } else if (auto cs = str_field(ev, "cause_scope")) {
            auto c = cause_ts_.find(*cs);
            if (c != cause_ts_.end()) {
                from_ts = c->second.first;
                source = &track_for(c->second.second);
            } else if (scope_owner_.count(*cs)) {
                source = &track_for(scope_owner_.at(*cs));
            }
        }
        if (!source) source = &loop_track();  // a plain loop callback: call_later, the runner
        if (!source || source == &target || source->open.empty() || target.open.empty()) return;
        int id = next_flow_++;
        std::string name = "cancel " + task;
        out_.push_back({{"ph", "s"}, {"name", name}, {"cat", "cancel"}, {"id", id}, {"pid", source->pid},
                        {"tid", source->tid}, {"ts", from_ts}});
        out_.push_back({{"ph", "f"}, {"bp", "e"}, {"name", name}, {"cat", "cancel"}, {"id", id}, {"pid", target.pid},
                        {"tid", target.tid}, {"ts", ts_}});
    }

    json& out_;
    std::map<std::string, Track> tracks_;
    std::map<std::string, std::string> aliases_;
    std::map<std::string, std::string> scope_owner_;
    std::map<std::string, std::pair<double, std::string>> cause_ts_;
    std::map<int, std::string> process_names_;
    Track loop_;
    bool loop_used_ = false;
    std::optional<std::string> just_created_;
    std::optional<std::string> last_event_task_;
    int next_tid_ = 1;
    int next_flow_ = 1;
    int64_t last_ns_ = 0;
    bool started_ = false;
    double ts_ = 0;
};

}  // namespace

bool write_perfetto(const std::vector<nlohmann::json>& events, std::ostream& out, std::string* error) {
    json trace_events = json::array();
    PerfettoBuilder builder(trace_events);
    for (const json& ev : events) builder.add(ev);
    builder.finish();
    json doc = {{"traceEvents", std::move(trace_events)},
                {"displayTimeUnit", "ms"},
                {"otherData", {{"source", "tasklens"}, {"clock", "virtual loop time, 1 s = 1,000,000 us"}}}};
    out << doc.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
    out.flush();
    if (!out) {
        if (error) *error = "could not write the Perfetto trace";
        return false;
    }
    return true;
}
