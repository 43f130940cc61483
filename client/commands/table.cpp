// The one table of `tasklens` commands: name, one-line summary, entry point. Adding a
// command is one file under client/commands/ and one line here.
#include "client/commands/command.h"

int export_command(int argc, char** argv);  // client/commands/export.cpp (global namespace)

namespace tl::client {

int run_command(int, char**);
int attach_command(int, char**);
int ps_command(int, char**);
int tasks_command(int, char**);
int cancel_command(int, char**);
int uncancel_command(int, char**);
int pause_command(int, char**);
int resume_command(int, char**);
int step_command(int, char**);
int replay_command(int, char**);
int diff_command(int, char**);
int top_command(int, char**);

static int export_entry(int argc, char** argv) { return ::export_command(argc - 1, argv + 1); }

const std::vector<CommandSpec>& command_table() {
    static const std::vector<CommandSpec> table = {
        {"run", "run a scenario and show its cancellation trace live", run_command},
        {"attach", "follow sessions of a running daemon", attach_command},
        {"ps", "list a daemon's sessions", ps_command},
        {"tasks", "show a session's task table (--tree for parents and scopes)", tasks_command},
        {"cancel", "call Task.cancel() on a task of a paused session", cancel_command},
        {"uncancel", "call Task.uncancel() on a task of a paused session", uncancel_command},
        {"pause", "pause a session between two loop callbacks", pause_command},
        {"resume", "resume a paused session", resume_command},
        {"step", "run a paused session by one callback (or --event: to the next event)", step_command},
        {"replay", "play a recording back through the same views, with seek", replay_command},
        {"diff", "compare tasklens with real CPython on a scenario", diff_command},
        {"top", "full-screen dashboard of a session's tasks and events", top_command},
        {"export", "turn a recording into a Perfetto trace or an HTML timeline", export_entry},
    };
    return table;
}

}  // namespace tl::client
