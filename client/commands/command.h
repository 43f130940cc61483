// The command table's contract: every `tasklens` subcommand is one function taking its own
// arguments (after the command name) and returning the process exit status — 0 ok, 1 the
// scenario failed, 2 usage or connection error. Shared option helpers live here too.
#pragma once
#include "client/connection.h"
#include "client/render/style.h"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace tl::client {

struct CommandSpec {
    const char* name;
    const char* summary;
    int (*main)(int argc, char** argv);  // argv[0] is the command name
};

const std::vector<CommandSpec>& command_table();

// Exit statuses (the contract).
constexpr int kExitOk = 0, kExitFailed = 1, kExitUsage = 2;

// Options most commands take: where the daemon is, and colour.
struct CommonOptions {
    ConnectOptions connect;
    std::string color = "auto";
};
// Adds --connect, --token, --token-file, --color to `app`.
void add_common_options(CLI::App& app, CommonOptions& options);
// Parses argv with CLI11: returns -1 to go on, else the exit status to return (help: 0;
// a usage error: 2, after one line on stderr).
int parse_or_exit(CLI::App& app, int argc, char** argv);
// The colour mode chosen; a bad --color value has been refused by the parser already.
ColorMode color_mode(const CommonOptions& options);
// For commands that talk to a running daemon: no --connect means the default socket.
std::unique_ptr<Connection> open_running_daemon(CommonOptions& options);
// Prints "tasklens CMD: WHY" on stderr and returns 2 (connection/usage) — one line.
int fail(const char* command, const std::string& why, int status = kExitUsage);

// Path of this executable (to find tasklensd, diff.py, …).
std::string self_exe();

}  // namespace tl::client
