// `tasklens pause|resume|step SESSION`: the flow-control one-shots (session/pause,
// session/resume, session/step). They differ only in the method and step's granularity,
// hence one file for the three.
#include "client/commands/command.h"

#include <cstdio>

namespace tl::client {

static int flow(int argc, char** argv, const char* method, const char* what) {
    CLI::App app(what, std::string("tasklens ") + argv[0]);
    CommonOptions common;
    std::string session;
    bool by_event = false;
    add_common_options(app, common);
    app.add_option("SESSION", session, "Session id (see tasklens ps)")->required();
    bool step = std::string(method) == "session/step";
    if (step) app.add_flag("--event", by_event, "Run until at least one event was emitted (default: one callback)");
    if (int rc = parse_or_exit(app, argc, argv); rc >= 0) return rc;
    auto conn = open_running_daemon(common);
    Json params = {{"session", session}};
    if (step) params["granularity"] = by_event ? "event" : "callback";
    conn->request(method, params);
    return kExitOk;
}

int pause_command(int argc, char** argv) { return flow(argc, argv, "session/pause", "Pause a session between two loop callbacks."); }
int resume_command(int argc, char** argv) { return flow(argc, argv, "session/resume", "Resume a paused session."); }
int step_command(int argc, char** argv) { return flow(argc, argv, "session/step", "Run a paused session one step."); }

}  // namespace tl::client
