// `tasklens cancel SESSION TASK [--msg M]` and `tasklens uncancel SESSION TASK`: call
// Task.cancel()/Task.uncancel() on a task of a paused session (task/cancel, task/uncancel)
// and print what it returned and the counters after it.
#include "client/commands/command.h"

#include <cstdio>

namespace tl::client {

static int cancel_or_uncancel(int argc, char** argv, bool cancel) {
    CLI::App app(cancel ? "Call Task.cancel(msg) on a task of a paused session."
                        : "Call Task.uncancel() on a task of a paused session.",
                 cancel ? "tasklens cancel" : "tasklens uncancel");
    CommonOptions common;
    std::string session, task, msg;
    bool has_msg = false;
    add_common_options(app, common);
    app.add_option("SESSION", session, "Session id (see tasklens ps)")->required();
    app.add_option("TASK", task, "Task name (see tasklens tasks SESSION)")->required();
    if (cancel) app.add_option("--msg", msg, "The cancel message")->each([&](const std::string&) { has_msg = true; });
    if (int rc = parse_or_exit(app, argc, argv); rc >= 0) return rc;
    auto conn = open_running_daemon(common);
    Json params = {{"session", session}, {"task", task}};
    if (has_msg) params["msg"] = msg;
    Json r = conn->request(cancel ? "task/cancel" : "task/uncancel", params);
    if (cancel)
        std::printf("%s.cancel() returned %s; cancelling=%ld must_cancel=%s\n", task.c_str(),
                    r.value("result", false) ? "True" : "False", r.value("cancelling", 0L), r.value("mustCancel", false) ? "true" : "false");
    else
        std::printf("%s.uncancel(); cancelling=%ld must_cancel=%s\n", task.c_str(), r.value("cancelling", 0L),
                    r.value("mustCancel", false) ? "true" : "false");
    return kExitOk;
}

int cancel_command(int argc, char** argv) { return cancel_or_uncancel(argc, argv, true); }
int uncancel_command(int argc, char** argv) { return cancel_or_uncancel(argc, argv, false); }

}  // namespace tl::client
