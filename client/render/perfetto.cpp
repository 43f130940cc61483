// Chrome trace-event export of a run (see perfetto.h): walks the trace once, keeping per task
// a track (pid = its parent's child group, tid = its own) and a stack of open slices, and turns
// each TRACE.md event into complete (X) slices, instants, counters and flow arrows.
#include "client/render/perfetto.h"

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

using nlohmann::json;

// The loop's own track (one "asyncio.run" slice; print, exit, events that name no task, the
// source of cancels made by plain callbacks) sits in the roots' process.
constexpr int kRootPid = 1;
constexpr int kLoopTid = 1000000000;

// Task-N: the name a task gets when it is given none (only those are renamed after creation).
bool is_default_name(const std::string& name) {
    if (name.size() < 6 || name.compare(0, 5, "Task-") != 0) return false;
    for (size_t i = 5; i < name.size(); ++i)
        if (name[i] < '0' || name[i] > '9') return false;
    return true;
}

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
    std::string coro;   // from task_created: helps tell which task a new name belongs to
    std::vector<std::string> open;  // names of the open slices, innermost last
    std::vector<size_t> open_at;    // their X events' index in the output
    std::vector<int64_t> open_ns;   // and their start, in ns
    bool ever_opened = false;
};

class PerfettoBuilder {
public:
    explicit PerfettoBuilder(json& out) : out_(out) {}

    // The pre-pass renamed() needs: which Task-N task_created events are the last mention of
    // their name (a task renamed right after creation is never called Task-N again).
    void prepare(const std::vector<json>& events) {
        std::map<std::string, size_t> last;
        for (size_t i = 0; i < events.size(); ++i) {
            if (!events[i].is_object()) continue;
            for (const char* key : {"task", "by", "parent"})
                if (auto name = str_field(events[i], key)) last[*name] = i;
        }
        for (size_t i = 0; i < events.size(); ++i) {
            if (!events[i].is_object() || str_field(events[i], "event").value_or("") != "task_created") continue;
            auto task = str_field(events[i], "task");
            if (task && is_default_name(*task) && last[*task] == i) silent_after_.insert(i);
        }
    }

    void add(const json& ev) {
        size_t index = index_++;
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
            // An expiry or abort is where the cancel arrows it causes start: it shares their
            // category, as viewers bind a flow end to the event with its ts, pid, tid and cat.
            instant(tr, kind + (scope ? " " + *scope : ""), kind == "timeout_reschedule" ? "scope" : "cancel", ev);
        } else if (kind == "diagnostic") {
            Track& tr = task ? track_for(*task) : loop_track();
            instant(tr, "diagnostic " + str_field(ev, "code").value_or(""), "diagnostic", ev);
        } else {
            // print, exit, and anything newer than this writer: kept, on the task's track when it names one.
            instant(task ? track_for(*task) : loop_track(), kind, "event", ev);
        }
        if (kind == "task_created" && task && silent_after_.count(index)) silent_.push_back(*task);
    }

    // Slices still open at the end (a truncated trace) are closed at the last timestamp.
    void finish() {
        last_ns_ += 1000;
        ts_ = static_cast<double>(last_ns_) / 1000.0;
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

    // A task's track, made on first mention of a name that is not a rename (renamed()).
    Track& track_for(const std::string& task) {
        if (task.empty()) return loop_track();
        if (Track* known = renamed(task)) return *known;
        // A task the trace never created (a trace cut at the front): its lifetime slice starts
        // here, so its events and arrows still have a slice to sit in.
        Track& made = new_track(task, std::nullopt);
        open_slice(made, task, "task", json{{"note", "first seen here; no task_created in the trace"}});
        return made;
    }

    // The track of `task` when it is known or a new name of a known task, else null. The trace
    // names tasks only, and CPython sometimes names a task after creating it (3.11's
    // TaskGroup.create_task, and 3.11/3.12's asyncio.create_task(name=...)): the task_created
    // shows Task-N, later events only the new name (TRACE.md, Names). So a name never created
    // is the new name of a Task-N that no event mentions after its task_created (prepare()):
    // the only such task whose coroutine has that name (names often are), else the earliest
    // created of those with that coroutine, else of them all. With several same-coroutine
    // siblings that last step is a guess (the trace has no stable task id; a daemon-side extra
    // field would settle it), shown in the track's title as the new name.
    Track* renamed(const std::string& task) {
        auto it = tracks_.find(task);
        if (it != tracks_.end()) return &it->second;
        auto alias = aliases_.find(task);
        if (alias != aliases_.end()) return &tracks_.at(alias->second);
        if (silent_.empty()) return nullptr;
        std::optional<std::string> old;
        for (const auto& s : silent_)
            if (tracks_.at(s).coro == task) {
                old = s;
                break;
            }
        if (!old) old = silent_.front();
        aliases_[task] = *old;
        Track& tr = tracks_.at(*old);
        tr.shown = task;
        std::erase(silent_, *old);
        return &tr;
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
        // The parent may go by a new name already (its children are created after the rename).
        if (parent && !tracks_.count(*parent)) {
            if (Track* p = renamed(*parent)) parent = p->name;
        }
        Track& tr = tracks_.count(task) ? tracks_.at(task) : new_track(task, parent);
        tr.coro = str_field(ev, "coro").value_or("");
        json args = {{"coro", ev.value("coro", json())}, {"parent", ev.value("parent", json())},
                     {"seq", ev.value("seq", json())}};
        open_slice(tr, tr.name, "task", args);
    }

    Track& scope_track(const std::string& scope, const std::optional<std::string>& task) {
        auto it = scope_owner_.find(scope);
        if (it != scope_owner_.end()) return track_for(it->second);
        return task ? track_for(*task) : loop_track();
    }

    // Slices are complete events ("X"): written where they begin, their duration filled in when
    // they close. (B/E pairs would do for Perfetto, but Chrome's own trace model pairs B with E
    // across all threads at once, which interleaved tasks break.)
    void open_slice(Track& tr, const std::string& name, const char* cat, const json& args) {
        out_.push_back({{"ph", "X"}, {"name", name}, {"cat", cat}, {"pid", tr.pid}, {"tid", tr.tid}, {"ts", ts_},
                        {"dur", 0}, {"args", args}});
        tr.open.push_back(name);
        tr.open_at.push_back(out_.size() - 1);
        tr.open_ns.push_back(last_ns_);
        tr.ever_opened = true;
    }

    void close_top(Track& tr, const json& args) {
        json& slice = out_[tr.open_at.back()];
        slice["dur"] = static_cast<double>(last_ns_ - tr.open_ns.back()) / 1000.0;
        for (auto it = args.begin(); it != args.end(); ++it) slice["args"][it.key()] = it.value();
        tr.open.pop_back();
        tr.open_at.pop_back();
        tr.open_ns.pop_back();
    }

    // Closes `name` and whatever is still open inside it, so slices always nest on a track. An exit
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
    // the task in `by`, else the scope in `cause_scope` (from its expiry or abort instant, also
    // when that scope belongs to the cancelled task itself: a Timeout expiring in its own task,
    // a TaskGroup aborting and cancelling its parent), else the loop (a plain callback). The
    // arrow's start sits on an event of the source track at its ts: the expiry/abort instant,
    // or a "cancels TASK" instant written here. Only a task cancelling itself (by == task) has
    // no arrow: there are not two events to join.
    void cancel(const json& ev, const std::string& task) {
        Track& target = track_for(task);
        instant(target, "cancel", "cancel", ev);
        counter(target, ev.value("cancelling", json()));
        double from_ts = ts_;
        bool from_cause = false;  // the start is the scope's expiry/abort instant
        Track* source = nullptr;
        if (auto by = str_field(ev, "by")) {
            source = &track_for(*by);
        } else if (auto cs = str_field(ev, "cause_scope")) {
            auto c = cause_ts_.find(*cs);
            if (c != cause_ts_.end()) {
                from_ts = c->second.first;
                source = &track_for(c->second.second);
                from_cause = true;
            } else if (scope_owner_.count(*cs)) {
                source = &track_for(scope_owner_.at(*cs));
            }
        }
        if (!source) source = &loop_track();  // a plain loop callback: call_later, the runner
        if (source == &target && !from_cause) return;
        if (source->open.empty() || target.open.empty()) return;
        int id = next_flow_++;
        std::string name = "cancel " + task;
        // The canceller's own mark sits 1 ns before the cancel (cancel() runs before its event is
        // written): flow ends at one ts collapse into one in Chrome's trace model.
        if (!from_cause) from_ts = static_cast<double>(last_ns_ - 1) / 1000.0;
        if (!from_cause)
            out_.push_back({{"ph", "i"}, {"s", "t"}, {"name", "cancels " + task}, {"cat", "cancel"},
                            {"pid", source->pid}, {"tid", source->tid}, {"ts", from_ts},
                            {"args", {{"seq", ev.value("seq", json())}, {"task", task}}}});
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
    std::set<size_t> silent_after_;     // indexes of task_created events whose Task-N is never named again
    std::vector<std::string> silent_;   // those created so far and not yet matched to a new name
    size_t index_ = 0;                  // of the event being added
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
    builder.prepare(events);
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
