// `tasklens tasks SESSION [--tree]`: a session's live tasks (tasks/list): counters, what
// each waits on, its scopes and line; --tree nests children under parents and shows the
// scope stack as nesting.
#include "client/commands/command.h"
#include "client/render/pretty.h"

#include <cstdio>
#include <functional>
#include <map>

namespace tl::client {

int tasks_command(int argc, char** argv) {
    CLI::App app("Show a session's task table.", "tasks");
    CommonOptions common;
    std::string session;
    bool tree = false, json = false;
    add_common_options(app, common);
    app.add_option("SESSION", session, "Session id (see tasklens ps)")->required();
    app.add_flag("--tree", tree, "Children under their parents, scopes as nesting");
    app.add_flag("--json", json, "Print tasks/list's result as JSON");
    if (int rc = parse_or_exit(app, argc, argv); rc >= 0) return rc;
    auto conn = open_running_daemon(common);
    Json list = conn->request("tasks/list", {{"session", session}});
    if (json) {
        std::printf("%s\n", list.dump(2).c_str());
        return kExitOk;
    }
    Style style{use_color(color_mode(common), 1)};
    auto waiting = [](const Json& t) -> std::string {
        if (!t.contains("waitingOn") || !t["waitingOn"].is_object()) return "-";
        const Json& w = t["waitingOn"];
        if (w.value("kind", "") == "task") return "task " + w.value("task", "?");
        return w.contains("label") && w["label"].is_string() ? w["label"].get<std::string>() : "future";
    };
    auto location = [](const Json& t) -> std::string {
        if (!t.contains("location") || !t["location"].is_object()) return "-";
        return source_of(Json{{"file", t["location"].value("file", "")}, {"line", t["location"].value("line", 0)}});
    };
    std::printf("session %s  %s  t=%.3f  %zu live tasks\n", session.c_str(), list.value("state", "").c_str(),
                list.value("time", 0.0), list["tasks"].size());
    if (!tree) {
        std::printf("%-12s %-14s %-10s %-11s %-24s %-24s %s\n", "TASK", "CORO", "CANCELLING", "MUST_CANCEL",
                    "WAITING ON", "SCOPES", "LINE");
        for (auto& t : list["tasks"]) {
            std::string scopes;
            for (auto& s : t.value("scopes", Json::array())) scopes += (scopes.empty() ? "" : "›") + s.value("scope", "?");
            std::string name = t.value("task", "?");
            std::printf("%s%s %-14s %-10ld %-11s %-24s %-24s %s\n", style.task(name).c_str(),
                        std::string(name.size() < 12 ? 12 - name.size() : 0, ' ').c_str(), t.value("coro", "").c_str(),
                        t.value("cancelling", 0L), t.value("mustCancel", false) ? "yes" : "-", waiting(t).c_str(),
                        scopes.empty() ? "-" : scopes.c_str(), location(t).c_str());
        }
        return kExitOk;
    }
    // Tree: each task, then its scopes as nested lines, then its children inside them.
    std::map<std::string, const Json*> by_name;
    for (auto& t : list["tasks"]) by_name[t.value("task", "")] = &t;
    std::function<void(const Json&, const std::string&)> show = [&](const Json& t, const std::string& indent) {
        std::string name = t.value("task", "?");
        std::printf("%s%s %s()  cancelling=%ld%s  waiting on %s  %s\n", indent.c_str(), style.task(name).c_str(),
                    t.value("coro", "").c_str(), t.value("cancelling", 0L), t.value("mustCancel", false) ? " must_cancel" : "",
                    waiting(t).c_str(), location(t).c_str());
        std::string inner = indent + "  ";
        for (auto& s : t.value("scopes", Json::array())) {
            std::printf("%s└ %s (%s)\n", inner.c_str(), s.value("scope", "?").c_str(), s.value("state", "").c_str());
            inner += "  ";
        }
        for (auto& c : t.value("children", Json::array()))
            if (auto it = by_name.find(c.get<std::string>()); it != by_name.end()) show(*it->second, inner);
    };
    for (auto& t : list["tasks"]) {
        bool root = !t.contains("parent") || !t["parent"].is_string() || !by_name.count(t["parent"].get<std::string>());
        if (root) show(t, "");
    }
    return kExitOk;
}

}  // namespace tl::client
