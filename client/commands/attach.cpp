// `tasklens attach`: follows one session (--session ID, default the newest running one) or
// every session (--all) of a running daemon, from now on or from the start (--from-start),
// through the same views as `run`. Exits with the followed session's status.
#include "client/commands/command.h"
#include "client/render/player.h"

#include <iostream>
#include <unistd.h>

namespace tl::client {

int attach_command(int argc, char** argv) {
    CLI::App app("Follow sessions of a running daemon.", "tasklens attach");
    CommonOptions common;
    std::string session, format;
    bool all = false, from_start = false;
    add_common_options(app, common);
    auto* s = app.add_option("--session", session, "The session to follow (default: the newest one still running)");
    app.add_flag("--all", all, "Follow every session, including those started later")->excludes(s);
    app.add_flag("--from-start", from_start, "Replay the retained events first");
    app.add_option("--format", format, "pretty (default on a terminal) or jsonl")->check(CLI::IsMember({"pretty", "jsonl"}));
    if (int rc = parse_or_exit(app, argc, argv); rc >= 0) return rc;

    auto conn = open_running_daemon(common);
    Json list = conn->request("session/list");
    if (!all && session.empty()) {
        for (auto& x : list["sessions"])
            if (x.value("state", "") != "exited") session = x.value("session", "");
        if (session.empty()) return fail("attach", "no running session (use --session ID or --all)");
    }
    // An exited session sends no session/exited any more: end after its last event.
    Json exited;
    for (auto& x : list["sessions"])
        if (!all && x.value("session", "") == session && x.value("state", "") == "exited") exited = x;
    if (exited.is_object() && !from_start) exited["lastSeq"] = 0;
    Json params = {{"session", all ? "*" : session}};
    if (from_start) params["fromSeq"] = 1;
    conn->request("session/subscribe", params);
    PlayOptions options;
    options.pretty = format.empty() ? ::isatty(1) == 1 : format == "pretty";
    options.style.color = options.pretty && use_color(color_mode(common), 1);
    options.show_session = all;
    auto feed = make_session_feed(std::move(conn), all ? "*" : session, exited);
    return play(*feed, std::cout, options).status;
}

}  // namespace tl::client
