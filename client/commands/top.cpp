// `tasklens top`: the full-screen dashboard (client/top/) on a live session of a running
// daemon (--session ID, default the newest running one), on a scenario it starts itself
// (--run FILE [--clock real], on a spawned daemon), or on a recording (--replay FILE, with seek).
#include "client/commands/command.h"
#include "client/top/dashboard.h"

#include <limits.h>
#include <unistd.h>

namespace tl::client {

int top_command(int argc, char** argv) {
    CLI::App app("Full-screen dashboard of a session's tasks and events.", "tasklens top");
    CommonOptions common;
    std::string session, run_file, replay_file, python = "3.13", clock = "virtual";
    double speed = 1.0;
    bool paused = false;
    add_common_options(app, common);
    app.add_option("--session", session, "Session to show (default: the newest one still running)");
    app.add_option("--run", run_file, "Start this scenario and show it");
    app.add_option("--python", python, "With --run: asyncio semantics (3.11-3.14)")->check(CLI::IsMember({"3.11", "3.12", "3.13", "3.14"}));
    app.add_option("--clock", clock, "With --run: virtual (default) or real (watch it live)")
        ->check(CLI::IsMember({"virtual", "real"}));
    app.add_option("--speed", speed, "With --run --clock real: X times faster than wall time")->check(CLI::PositiveNumber);
    app.add_flag("--paused", paused, "With --run: start paused at entry (step with n, resume with p)");
    app.add_option("--replay", replay_file, "Show a recording (←/→ seek)");
    if (int rc = parse_or_exit(app, argc, argv); rc >= 0) return rc;
    if (::isatty(1) != 1 || ::isatty(0) != 1) return fail("top", "needs a terminal (use attach or replay in pipes)");

    DashboardOptions options;
    options.color = use_color(color_mode(common), 1);
    if (!replay_file.empty()) {
        options.recording = read_recording(replay_file);
        options.title = replay_file;
        return run_dashboard(nullptr, options);
    }
    std::unique_ptr<EventFeed> feed;
    if (!run_file.empty()) {
        char abs[PATH_MAX];
        if (!::realpath(run_file.c_str(), abs)) return fail("top", "cannot read " + run_file);
        common.connect.self_path = argv[0];
        auto conn = Connection::open(common.connect);
        if (conn->initialize_result().value("capabilities", Json::object()).value("supportsSessions", false)) {
            Json params = {{"path", abs}, {"name", run_file}, {"python", python}, {"clock", clock},
                           {"subscribe", true}, {"startPaused", paused}};
            if (clock == "real") params["speed"] = speed;
            Json started = conn->request("session/start", params);
            feed = make_session_feed(std::move(conn), started.value("session", ""));
        } else {
            conn.reset();
            std::vector<std::string> args = {"--python", python, "--clock", clock};
            if (clock == "real") args.insert(args.end(), {"--speed", std::to_string(speed)});
            args.push_back(abs);
            feed = make_local_run_feed(find_daemon(argv[0]), args);
        }
        options.title = run_file;
    } else {
        auto conn = open_running_daemon(common);
        if (session.empty()) {
            Json list = conn->request("session/list");
            for (auto& x : list["sessions"])
                if (x.value("state", "") != "exited") session = x.value("session", "");
            if (session.empty()) return fail("top", "no running session (use --session ID, --run FILE or --replay FILE)");
        }
        conn->request("session/subscribe", {{"session", session}, {"fromSeq", 1}});
        feed = make_session_feed(std::move(conn), session);
        options.title = session;
    }
    return run_dashboard(feed.get(), options);
}

}  // namespace tl::client
