// `tasklens ps`: the sessions of a running daemon (session/list), one line each.
#include "client/commands/command.h"

#include <cstdio>

namespace tl::client {

int ps_command(int argc, char** argv) {
    CLI::App app("List a running daemon's sessions.", "tasklens ps");
    CommonOptions common;
    bool json = false;
    add_common_options(app, common);
    app.add_flag("--json", json, "Print session/list's result as JSON");
    if (int rc = parse_or_exit(app, argc, argv); rc >= 0) return rc;
    auto conn = open_running_daemon(common);
    Json list = conn->request("session/list");
    if (json) {
        std::printf("%s\n", list.dump(2).c_str());
        return kExitOk;
    }
    std::printf("%-8s %-8s %-6s %-8s %10s %7s %6s  %s\n", "SESSION", "STATE", "PYTHON", "CLOCK", "TIME", "EVENTS",
                "TASKS", "NAME");
    for (auto& s : list["sessions"]) {
        std::string state = s.value("state", "");
        if (state == "exited" && s.contains("exit") && s["exit"].is_object())
            state = s["exit"].value("status", state);
        std::printf("%-8s %-8s %-6s %-8s %10.3f %7ld %6ld  %s\n", s.value("session", "").c_str(), state.c_str(),
                    s.value("python", "").c_str(), s.value("clock", "").c_str(), s.value("time", 0.0),
                    s.value("lastSeq", 0L), s.value("liveTasks", 0L), s.value("name", "").c_str());
    }
    return kExitOk;
}

}  // namespace tl::client
