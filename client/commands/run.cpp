// `tasklens run FILE`: starts a session on a daemon (spawned by default), follows it through
// the pretty or jsonl view and exits with the run's status. When the daemon has no session
// methods (older daemons), it runs `tasklensd run --format jsonl` locally instead.
#include "client/commands/command.h"
#include "client/render/html.h"
#include "client/render/perfetto.h"
#include "client/render/player.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <limits.h>
#include <unistd.h>

namespace tl::client {
namespace {

bool write_export(const std::vector<Event>& events, const std::string& path, bool html) {
    std::vector<nlohmann::json> plain;
    plain.reserve(events.size());
    for (auto& e : events) plain.emplace_back(e.json());
    std::ofstream out(path, std::ios::binary);
    std::string error;
    if (!out || !(html ? write_html(plain, out, &error) : write_perfetto(plain, out, &error))) {
        std::fprintf(stderr, "tasklens run: %s: %s\n", path.c_str(), error.empty() ? "cannot write" : error.c_str());
        return false;
    }
    return true;
}

}  // namespace

int run_command(int argc, char** argv) {
    CLI::App app("Run a scenario and show its cancellation trace live.", "tasklens run");
    CommonOptions common;
    std::string file, python = "3.13", clock = "virtual", format, record, perfetto, html;
    double speed = 1.0;
    std::vector<std::string> breaks;
    add_common_options(app, common);
    app.add_option("--python", python, "asyncio semantics of CPython 3.11, 3.12, 3.13 (default) or 3.14")
        ->check(CLI::IsMember({"3.11", "3.12", "3.13", "3.14"}));
    app.add_option("--clock", clock, "virtual (default: sleeps are instant) or real")
        ->check(CLI::IsMember({"virtual", "real"}));
    app.add_option("--speed", speed, "real clock: X times faster than wall time")->check(CLI::PositiveNumber);
    app.add_option("--break", breaks, "Stop at EVENT[:TASK] (e.g. uncancel, cancel:Task-2); repeatable");
    app.add_option("--format", format, "pretty (default on a terminal) or jsonl (exactly the TRACE.md lines)")
        ->check(CLI::IsMember({"pretty", "jsonl"}));
    app.add_option("--record", record, "Also write the events to FILE (JSON lines, for replay/export)");
    app.add_option("--perfetto", perfetto, "Also write a Perfetto/Chrome trace to FILE");
    app.add_option("--html", html, "Also write an HTML timeline to FILE");
    app.add_option("FILE", file, "The scenario (a Python file with async def main())")->required();
    if (int rc = parse_or_exit(app, argc, argv); rc >= 0) return rc;

    std::vector<Breakpoint> bps;
    for (auto& b : breaks) {
        Breakpoint bp;
        if (!parse_breakpoint(b, &bp)) return fail("run", "--break wants EVENT[:TASK], got '" + b + "'");
        bps.push_back(bp);
    }
    if (::access(file.c_str(), R_OK) != 0) return fail("run", "cannot read " + file);
    char abs[PATH_MAX];
    std::string path = ::realpath(file.c_str(), abs) ? abs : file;

    PlayOptions play_options;
    bool tty = ::isatty(1) == 1;
    play_options.pretty = format.empty() ? tty : format == "pretty";
    play_options.style.color = play_options.pretty && use_color(color_mode(common), 1);
    play_options.record_path = record;
    play_options.interactive = !bps.empty() && ::isatty(0) == 1;
    play_options.local_breakpoints = bps;

    common.connect.self_path = argv[0];
    std::unique_ptr<EventFeed> feed;
    auto conn = Connection::open(common.connect);
    const Json& caps = conn->initialize_result().value("capabilities", Json::object());
    if (caps.value("supportsSessions", false)) {
        Json params = {{"path", path}, {"name", file}, {"python", python}, {"clock", clock}, {"subscribe", true}};
        if (clock == "real") params["speed"] = speed;
        // jsonl is exactly the TRACE.md trace; diagnostics are for people (pretty).
        params["diagnostics"] = play_options.pretty;
        Json list = Json::array();
        for (auto& bp : bps) {
            Json j = {{"event", bp.event}};
            if (!bp.task.empty()) j["task"] = bp.task;
            list.push_back(j);
        }
        params["breakpoints"] = list;
        Json started;
        try {
            started = conn->request("session/start", params);
        } catch (const ClientError& e) {
            // A scenario that does not compile: show python's own message, status 2.
            return fail("run", e.what());
        }
        if (started.contains("breakpoints"))
            for (auto& b : started["breakpoints"])
                if (!b.value("verified", true))
                    std::fprintf(stderr, "tasklens run: breakpoint ignored: %s\n", b.value("message", "").c_str());
        feed = make_session_feed(std::move(conn), started.value("session", ""));
    } else if (common.connect.connect.empty()) {
        // This daemon predates the session methods: run the scenario in a child instead.
        conn.reset();
        std::vector<std::string> args = {"--python", python, "--clock", clock};
        if (clock == "real") args.insert(args.end(), {"--speed", std::to_string(speed)});
        args.push_back(file);  // as given: the trace's `file` extras show it so
        feed = make_local_run_feed(find_daemon(argv[0]), args);
    } else {
        return fail("run", "the daemon at " + common.connect.connect + " does not support sessions");
    }
    PlayResult r = play(*feed, std::cout, play_options);
    if (!perfetto.empty() && !write_export(r.events, perfetto, false)) return kExitUsage;
    if (!html.empty() && !write_export(r.events, html, true)) return kExitUsage;
    return r.status;
}

}  // namespace tl::client
