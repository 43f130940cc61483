// The dashboard (dashboard.h). All state is a TaskModel rebuilt from events, so live and
// replay share the drawing code; live sessions add `waiting on` from tasks/list, polled
// once a second (the trace has no such field). Keys are listed in the footer.
#include "client/top/dashboard.h"

#include "client/model/task_model.h"
#include "client/render/pretty.h"

#include <ncurses.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <sstream>

namespace tl::client {
namespace {

enum class SortBy { created, name, cancelling, state };
const char* sort_name(SortBy s) {
    switch (s) {
        case SortBy::created: return "created";
        case SortBy::name: return "name";
        case SortBy::cancelling: return "cancelling";
        case SortBy::state: return "state";
    }
    return "";
}

struct Dashboard {
    EventFeed* live = nullptr;
    std::vector<Event> events;     // every event, in order
    size_t applied = 0;            // events[0, applied) are in `model` (replay seek)
    TaskModel model;
    std::vector<std::string> log;  // pretty lines of the applied events
    std::map<std::string, std::string> waiting;  // task → waiting on (live, tasks/list)
    std::map<std::string, std::string> where;    // task → file:line it is suspended at (live)
    double live_time = -1;                       // the loop's time at the last poll (live)
    std::string title, status, filter, session_state = "running", exit_status;
    std::string selected;
    SortBy sort = SortBy::created;
    bool follow = true;            // replay: false once the user seeks
    bool poll_now = false;
    bool colors = false;           // colour pairs in use (a colour terminal, colour not turned off)         // a key changed the session: refresh `waiting on` at once
    int result = 0;

    void rebuild_to(size_t n) {
        model.clear();
        log.clear();
        applied = 0;
        apply_upto(n);
    }
    void apply_upto(size_t n) {
        std::ostringstream out;
        PrettyView view(out, Style{false});
        // PrettyView needs the model before each event: render into the shared model.
        for (; applied < n && applied < events.size(); ++applied) {
            out.str("");
            view.render(events[applied], model);
            std::istringstream lines(out.str());
            std::string l;
            while (std::getline(lines, l)) log.push_back(l);
        }
        if (log.size() > 5000) log.erase(log.begin(), log.end() - 4000);
    }

    std::vector<const TaskInfo*> rows() const {
        auto all = model.tasks();
        std::vector<const TaskInfo*> out;
        for (auto* t : all) {
            std::string hay = t->name + " " + t->coro + " " + t->state;
            for (auto& s : t->scopes) hay += " " + s;
            if (filter.empty() || hay.find(filter) != std::string::npos) out.push_back(t);
        }
        auto rank = [](const TaskInfo* t) { return t->state == "pending" ? 0 : 1; };
        switch (sort) {
            case SortBy::created: break;
            case SortBy::name: std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->name < b->name; }); break;
            case SortBy::cancelling:
                std::stable_sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->cancelling > b->cancelling; });
                break;
            case SortBy::state:
                std::stable_sort(out.begin(), out.end(), [&](auto* a, auto* b) { return rank(a) < rank(b); });
                break;
        }
        return out;
    }

    void poll_waiting() {
        if (!live || !live->can_steer() || live->session().empty()) return;
        try {
            Json list = live->call("tasks/list", {{"session", live->session()}});
            waiting.clear();
            where.clear();
            session_state = list.value("state", session_state);
            if (list.contains("time") && list["time"].is_number()) live_time = list["time"].get<double>();
            for (auto& t : list["tasks"]) {
                std::string w = "-";
                if (t.contains("waitingOn") && t["waitingOn"].is_object()) {
                    auto& x = t["waitingOn"];
                    w = x.value("kind", "") == "task" ? "task " + x.value("task", "?")
                                                       : (x["label"].is_string() ? x["label"].get<std::string>() : "future");
                }
                waiting[t.value("task", "")] = w;
                if (t.contains("location") && t["location"].is_object())
                    where[t.value("task", "")] = source_of(
                        Json{{"file", t["location"].value("file", "")}, {"line", t["location"].value("line", 0)}});
            }
        } catch (const ClientError&) {
        }
    }

    void steer(const std::string& method, Json params, const std::string& done) {
        if (!live || !live->can_steer()) {
            status = "needs a live daemon session (this is a " + std::string(live ? "local run" : "recording") + ")";
            return;
        }
        params["session"] = live->session();
        try {
            Json r = live->call(method, params);
            poll_now = true;
            status = done;
            if (r.contains("cancelling")) status += "  cancelling=" + std::to_string(r.value("cancelling", 0));
        } catch (const ClientError& e) {
            status = e.what();
        }
    }

    void draw() {
        erase();
        int h = LINES, w = COLS;
        auto list = rows();
        if (selected.empty() && !list.empty()) selected = list.front()->name;
        // Header.
        char head[512];
        std::snprintf(head, sizeof head, " tasklens top  %s  [%s]  t=%.3f  events %zu/%zu  tasks %zu  sort:%s%s%s",
                      title.c_str(), live ? session_state.c_str() : "replay",
                      // Live, the loop's clock moves between events (a real-clock sleep): show the polled time.
                      std::max(model.now(), live_time), applied, events.size(),
                      model.tasks().size(), sort_name(sort), filter.empty() ? "" : "  filter:", filter.c_str());
        attron(A_REVERSE);
        mvaddnstr(0, 0, (std::string(head) + std::string(static_cast<size_t>(std::max(0, w)), ' ')).c_str(), w);
        attroff(A_REVERSE);
        // Task table.
        int table_h = std::max(5, (h - 4) / 2 - 4);
        attron(A_BOLD);
        char cols[256];
        std::snprintf(cols, sizeof cols, " %-14s %-10s %-10s %-11s %-20s %-24s %s", "TASK", "STATE", "CANCELLING",
                      "MUST_CANCEL", "WAITING ON", "SCOPE", "LINE");
        mvaddnstr(1, 0, cols, w);
        attroff(A_BOLD);
        int y = 2;
        for (auto* t : list) {
            if (y >= 2 + table_h) break;
            std::string scopes;
            for (auto& s : t->scopes) scopes += (scopes.empty() ? "" : "›") + s;
            auto wit = waiting.find(t->name);
            std::string wait = t->state != "pending" ? "" : wit == waiting.end() ? "-" : wit->second;
            std::string loc = t->line ? source_of(Json{{"file", t->file}, {"line", t->line}}) : "-";
            if (auto wh = where.find(t->name); wh != where.end() && t->state == "pending") loc = wh->second;
            char row[512];
            std::snprintf(row, sizeof row, " %-14s %-10s %-10d %-11s %-20s %-24s %s", t->name.c_str(), t->state.c_str(),
                          t->cancelling, t->must_cancel ? "yes" : "-", wait.c_str(), scopes.empty() ? "-" : scopes.c_str(),
                          loc.c_str());
            bool sel = t->name == selected;
            if (sel) attron(A_REVERSE);
            if (t->cancelling > 0 && colors) attron(COLOR_PAIR(1));
            mvaddnstr(y, 0, row, w);
            if (t->cancelling > 0 && colors) attroff(COLOR_PAIR(1));
            if (sel) attroff(A_REVERSE);
            ++y;
        }
        // Event log.
        int log_top = 2 + table_h + 1;
        int details_h = 6;
        int log_h = std::max(3, h - log_top - details_h - 2);
        attron(A_BOLD);
        mvaddnstr(log_top - 1, 0, " EVENTS", w);
        attroff(A_BOLD);
        size_t first = log.size() > static_cast<size_t>(log_h) ? log.size() - static_cast<size_t>(log_h) : 0;
        for (size_t i = first, row = 0; i < log.size(); ++i, ++row) mvaddnstr(log_top + static_cast<int>(row), 0, log[i].c_str(), w);
        // Details of the selected task.
        int dy = log_top + log_h + 1;
        attron(A_BOLD);
        mvaddnstr(dy - 1 < h ? dy - 1 : h - 1, 0, (" TASK " + selected).c_str(), w);
        attroff(A_BOLD);
        if (const TaskInfo* t = model.find(selected)) {
            std::string scopes;
            for (auto& s : t->scopes) {
                const ScopeInfo* sc = model.scope(s);
                scopes += (scopes.empty() ? "" : " › ") + s + (sc ? " (entered at cancelling " + std::to_string(sc->cancelling_at_entry) + ")" : "");
            }
            std::string l1 = "  coro " + t->coro + "()   parent " + (t->parent.empty() ? "-" : t->parent) + "   state " + t->state +
                             (t->exc.empty() ? "" : " (" + t->exc + ")");
            std::string l2 = "  cancelling " + std::to_string(t->cancelling) + "   must_cancel " + (t->must_cancel ? "yes" : "no") +
                             "   last event " + t->last_event + " at t=" + std::to_string(t->last_t);
            std::string l3 = "  scopes " + (scopes.empty() ? "-" : scopes);
            std::string l4 = "  at " + (t->line ? source_of(Json{{"file", t->file}, {"line", t->line}}) : "-");
            mvaddnstr(dy, 0, l1.c_str(), w);
            mvaddnstr(dy + 1, 0, l2.c_str(), w);
            mvaddnstr(dy + 2, 0, l3.c_str(), w);
            mvaddnstr(dy + 3, 0, l4.c_str(), w);
        }
        // Footer: keys and the last status message.
        std::string keys = live ? " q quit  ↑↓ select  s sort  / filter  p pause/resume  n step  c cancel  u uncancel"
                                : " q quit  ↑↓ select  s sort  / filter  ←→ seek  Home/End  ";
        if (!status.empty()) keys += "  | " + status;
        attron(A_REVERSE);
        mvaddnstr(h - 1, 0, (keys + std::string(static_cast<size_t>(std::max(0, w)), ' ')).c_str(), w);
        attroff(A_REVERSE);
        refresh();
    }

    void move_selection(int delta) {
        auto list = rows();
        if (list.empty()) return;
        int i = 0;
        for (size_t k = 0; k < list.size(); ++k)
            if (list[k]->name == selected) i = static_cast<int>(k);
        i = std::clamp(i + delta, 0, static_cast<int>(list.size()) - 1);
        selected = list[static_cast<size_t>(i)]->name;
    }

    std::string prompt(const std::string& label) {
        std::string text;
        for (;;) {
            status = label + text + "_";
            draw();
            timeout(-1);
            int c = getch();
            timeout(100);
            if (c == '\n' || c == KEY_ENTER) return text;
            if (c == 27) return "\x1b";
            if ((c == KEY_BACKSPACE || c == 127 || c == 8) && !text.empty()) text.pop_back();
            else if (c >= 32 && c < 127) text += static_cast<char>(c);
        }
    }
};

}  // namespace

int run_dashboard(EventFeed* live, const DashboardOptions& options) {
    Dashboard d;
    d.live = live;
    d.title = options.title;
    if (!live) {
        d.events = options.recording;
        d.apply_upto(d.events.size());
    }
    setlocale(LC_ALL, "");
    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    curs_set(0);
    d.colors = options.color && has_colors();
    if (d.colors) {
        start_color();
        use_default_colors();
        init_pair(1, COLOR_YELLOW, -1);
    }
    timeout(100);
    auto last_poll = std::chrono::steady_clock::now() - std::chrono::seconds(10);
    bool quit = false;
    while (!quit) {
        if (live) {
            for (int i = 0; i < 2000; ++i) {
                auto item = live->next(0);
                if (!item) break;
                if (item->kind == FeedItem::Kind::event) {
                    d.events.push_back(std::move(item->event));
                } else if (item->kind == FeedItem::Kind::stopped) {
                    d.session_state = "paused";
                    d.status = "stopped: " + item->data.value("reason", "");
                } else if (item->kind == FeedItem::Kind::continued) {
                    d.session_state = "running";
                } else if (item->kind == FeedItem::Kind::exited) {
                    d.session_state = "exited";
                    d.exit_status = item->data.value("status", "");
                    d.status = "run over: " + d.exit_status;
                    d.result = d.exit_status == "finished" ? 0 : 1;
                }
            }
            d.apply_upto(d.events.size());
            auto now = std::chrono::steady_clock::now();
            if ((d.poll_now || now - last_poll > std::chrono::seconds(1)) && d.session_state != "exited") {
                d.poll_waiting();
                d.poll_now = false;
                last_poll = now;
            }
        }
        d.draw();
        int c = getch();
        switch (c) {
            case 'q': quit = true; break;
            case KEY_UP: case 'k': d.move_selection(-1); break;
            case KEY_DOWN: case 'j': d.move_selection(1); break;
            case 's': d.sort = static_cast<SortBy>((static_cast<int>(d.sort) + 1) % 4); break;
            case '/': {
                std::string f = d.prompt("filter: ");
                if (f != "\x1b") d.filter = f;
                d.status.clear();
                break;
            }
            case 'p':
                if (d.session_state == "paused") d.steer("session/resume", Json::object(), "resumed");
                else d.steer("session/pause", Json::object(), "pause requested");
                break;
            case 'n': d.steer("session/step", {{"granularity", "event"}}, "stepped"); break;
            case 'c': d.steer("task/cancel", {{"task", d.selected}}, d.selected + " cancelled"); break;
            case 'u': d.steer("task/uncancel", {{"task", d.selected}}, d.selected + " uncancelled"); break;
            case KEY_LEFT: case 'h':
                if (!live && d.applied > 0) d.rebuild_to(d.applied - 1);
                break;
            case KEY_RIGHT: case 'l':
                if (!live) d.apply_upto(d.applied + 1);
                break;
            case KEY_HOME: case 'g':
                if (!live) d.rebuild_to(0);
                break;
            case KEY_END: case 'G':
                if (!live) d.apply_upto(d.events.size());
                break;
            default: break;
        }
    }
    endwin();
    return d.result;
}

}  // namespace tl::client
