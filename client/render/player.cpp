// play(): the loop shared by run/attach/replay. Exit status: 0 when main finished, 1 when
// it ended cancelled or with an exception (or the run stopped with an error), 2 when the
// scenario could not run at all.
#include "client/render/player.h"

#include "client/model/task_model.h"
#include "client/render/jsonl.h"
#include "client/render/pretty.h"

#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <termios.h>
#include <unistd.h>

namespace tl::client {

bool parse_breakpoint(const std::string& text, Breakpoint* out) {
    auto colon = text.find(':');
    out->event = text.substr(0, colon);
    out->task = colon == std::string::npos ? "" : text.substr(colon + 1);
    return !out->event.empty();
}

namespace {

constexpr int kQuitStatus = 1;  // the user quit: the run did not finish

// One key from the terminal without waiting for Enter.
int read_key() {
    termios old{};
    bool tty = ::tcgetattr(0, &old) == 0;
    if (tty) {
        termios raw = old;
        raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO));
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        ::tcsetattr(0, TCSANOW, &raw);
    }
    char c = 0;
    ssize_t n = ::read(0, &c, 1);
    if (tty) ::tcsetattr(0, TCSANOW, &old);
    return n == 1 ? c : 'q';
}

std::string read_line() {
    std::string s;
    std::getline(std::cin, s);
    return s;
}

void print_daemon_tasks(std::ostream& out, const Json& list, const Style& style) {
    char head[200];
    std::snprintf(head, sizeof head, "%-12s %-10s %-11s %-26s %-22s %s", "TASK", "CANCELLING", "MUST_CANCEL",
                  "WAITING ON", "SCOPES", "LINE");
    out << style.bold(head) << "\n";
    for (auto& t : list["tasks"]) {
        std::string waiting = "-";
        if (t.contains("waitingOn") && t["waitingOn"].is_object()) {
            auto& w = t["waitingOn"];
            waiting = w.value("kind", "") == "task" ? "task " + w.value("task", "?")
                                                    : (w["label"].is_string() ? w["label"].get<std::string>() : "future");
        }
        std::string scopes;
        if (t.contains("scopes"))
            for (auto& s : t["scopes"]) scopes += (scopes.empty() ? "" : "›") + s.value("scope", "?");
        std::string line = "-";
        if (t.contains("location") && t["location"].is_object())
            line = source_of(Json{{"file", t["location"].value("file", "")}, {"line", t["location"].value("line", 0)}});
        std::string name = t.value("task", "?");
        char row[400];
        std::snprintf(row, sizeof row, " %-10ld %-11s %-26s %-22s %s", t.value("cancelling", 0L),
                      t.value("mustCancel", false) ? "yes" : "-", waiting.c_str(), scopes.empty() ? "-" : scopes.c_str(),
                      line.c_str());
        out << style.task(name) << std::string(name.size() < 12 ? 12 - name.size() : 0, ' ') << row << "\n";
    }
}

}  // namespace

PlayResult play(EventFeed& feed, std::ostream& out, const PlayOptions& options) {
    PlayResult result;
    std::ofstream record;
    if (!options.record_path.empty()) {
        record.open(options.record_path);
        if (!record) throw ClientError("cannot write " + options.record_path);
    }
    std::map<std::string, TaskModel> models;  // per session
    std::map<std::string, PrettyView> views;
    bool stepping = false;  // local breakpoints: stop at the next event too
    auto view_for = [&](const std::string& s) -> PrettyView& {
        return views.try_emplace(s, out, options.style).first->second;
    };
    std::deque<FeedItem> held;  // items the prompt read ahead while waiting for its own event

    // One event: kept, recorded, and shown when inside the replay window.
    auto take_event = [&](const std::string& s, const Event& e) -> bool {
        result.events.push_back(e);
        if (record.is_open()) record << python_style_dump(e.json()) << "\n";
        long seq = e.seq;
        double t = e.has_t ? e.t : 0;
        bool shown = (options.from_seq == 0 || seq >= options.from_seq) &&
                     (options.to_seq == 0 || seq <= options.to_seq) && (options.until_t < 0 || t <= options.until_t);
        if (!shown) {
            models[s].apply(e);
            return false;
        }
        if (options.show_session) out << options.style.dim(s.empty() ? "" : "[" + s + "] ");
        if (options.pretty) view_for(s).render(e, models[s]);
        else {
            out << python_style_dump(e.json()) << "\n";
            models[s].apply(e);
        }
        return true;
    };

    // After the prompt's cancel: the daemon sends the cancel event at once (the session stays
    // paused); show it before asking again, so the user sees what cancel() did. Anything else
    // that comes meanwhile is held for the main loop.
    auto show_inspector_event = [&](const std::string& session) {
        for (int quiet = 0; quiet < 5;) {
            auto item = feed.next(100);
            if (!item) {
                ++quiet;
                continue;
            }
            if (item->kind != FeedItem::Kind::event || item->session != session) {
                held.push_back(std::move(*item));
                continue;
            }
            take_event(item->session, item->event);
            if (item->event.cause == "inspector") break;
        }
        out.flush();
    };

    // The breakpoint prompt; returns false to quit.
    auto prompt = [&](const std::string& session, const Json& why) -> bool {
        TaskModel& model = models[session];
        std::string where = "── stopped (" + why.value("reason", std::string("?")) + ") after seq " +
                            std::to_string(why.value("seq", 0L));
        if (why.contains("event") && why["event"].is_object())
            where += ": " + why["event"].value("event", std::string("")) + " " + why["event"].value("task", std::string(""));
        out << options.style.paint(where, "1;33") << "\n";
        if (feed.can_steer()) {
            try {
                print_daemon_tasks(out, feed.call("tasks/list", {{"session", session}}), options.style);
            } catch (const ClientError& e) {
                PrettyView::task_table(out, model, options.style, false);
            }
        } else {
            PrettyView::task_table(out, model, options.style, false);
        }
        for (;;) {
            out << "[c]ontinue  [s]tep  [x] cancel a task  [q]uit > " << std::flush;
            int key = read_key();
            out << static_cast<char>(key) << "\n";
            try {
                if (key == 'c') {
                    stepping = false;
                    if (feed.can_steer()) feed.call("session/resume", {{"session", session}});
                    return true;
                }
                if (key == 's') {
                    stepping = true;
                    if (feed.can_steer()) feed.call("session/step", {{"session", session}, {"granularity", "event"}});
                    return true;
                }
                if (key == 'x') {
                    out << "task to cancel: " << std::flush;
                    std::string task = read_line();
                    if (task.empty()) {
                        out << "no task given: nothing cancelled\n";
                        continue;
                    }
                    Json r = feed.call("task/cancel", {{"session", session}, {"task", task}});
                    out << "cancel(" << task << ") → " << (r.value("result", false) ? "True" : "False")
                        << "  cancelling " << r.value("cancelling", 0) << "\n";
                    if (feed.can_steer()) show_inspector_event(session);
                    continue;
                }
                if (key == 'q' || key == 4) {
                    if (feed.can_steer()) feed.call("session/stop", {{"session", session}});
                    return false;
                }
            } catch (const ClientError& e) {
                out << e.what() << "\n";
            }
        }
    };

    auto next_item = [&]() -> std::optional<FeedItem> {
        if (held.empty()) return feed.next(-1);
        FeedItem item = std::move(held.front());
        held.pop_front();
        return item;
    };
    while (auto item = next_item()) {
        const std::string& s = item->session;
        switch (item->kind) {
            case FeedItem::Kind::event: {
                const Event& e = item->event;
                if (!take_event(s, e)) break;  // outside the replay window: no stop either
                long seq = e.seq;
                if (options.interactive && !feed.can_steer()) {
                    bool hit = stepping;
                    for (auto& bp : options.local_breakpoints)
                        if (bp.event == e.name() && (bp.task.empty() || bp.task == e.task))
                            hit = true;
                    if (hit && !prompt(s, Json{{"reason", stepping ? "step" : "breakpoint"}, {"seq", seq}})) {
                        result.status = kQuitStatus;
                        return result;
                    }
                }
                break;
            }
            case FeedItem::Kind::stopped: {
                std::string reason = item->data.value("reason", "");
                if (reason == "entry" && !options.interactive) {
                    feed.call("session/resume", {{"session", s}});
                } else if (options.interactive) {
                    out.flush();
                    if (!prompt(s, item->data)) {
                        result.status = kQuitStatus;
                        return result;
                    }
                } else {
                    // Not a terminal: note the stop and go on, so pipes never hang.
                    std::fprintf(stderr, "tasklens: %s stopped (%s) at seq %ld; resuming (no terminal to ask)\n",
                                 s.c_str(), reason.c_str(), item->data.value("seq", 0L));
                    feed.call("session/resume", {{"session", s}});
                }
                break;
            }
            case FeedItem::Kind::output:
                std::fputs(item->data.value("text", "").c_str(), stderr);
                break;
            case FeedItem::Kind::dropped:
                std::fprintf(stderr, "tasklens: %s: %ld events dropped (seq %ld-%ld): the daemon's queue overflowed\n",
                             s.c_str(), item->data.value("count", 0L), item->data.value("fromSeq", 0L),
                             item->data.value("toSeq", 0L));
                break;
            case FeedItem::Kind::continued: break;
            case FeedItem::Kind::exited: {
                const Json& x = item->data;
                result.exit_status = x.value("status", "");
                if (x.contains("error") && x["error"].is_string())
                    std::fprintf(stderr, "tasklens: %s%s\n", s.empty() ? "" : (s + ": ").c_str(),
                                 x["error"].get<std::string>().c_str());
                if (x.value("usage", false)) result.status = 2;
                else if (result.exit_status == "finished" || result.exit_status == "recorded") result.status = 0;
                else result.status = 1;
                break;
            }
        }
        out.flush();
    }
    return result;
}

}  // namespace tl::client
