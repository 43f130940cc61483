// Helpers shared by the commands (command.h): common options, CLI11 parsing with the
// project's exit statuses, and opening a connection to an already running daemon.
#include "client/commands/command.h"

#include <cstdio>
#include <unistd.h>

namespace tl::client {

void add_common_options(CLI::App& app, CommonOptions& options) {
    app.add_option("--connect", options.connect.connect,
                   "Daemon to use: unix:PATH or tcp:HOST:PORT (default: spawn one for `run`, "
                   "the default Unix socket otherwise)");
    app.add_option("--token", options.connect.token, "TCP token of the daemon");
    app.add_option("--token-file", options.connect.token_file, "Read the TCP token from this file");
    app.add_option("--color", options.color, "auto (default: on a terminal without NO_COLOR), always, never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
}

int parse_or_exit(CLI::App& app, int argc, char** argv) {
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::fputs(app.help().c_str(), stdout);
        return kExitOk;
    } catch (const CLI::CallForAllHelp&) {
        std::fputs(app.help("", CLI::AppFormatMode::All).c_str(), stdout);
        return kExitOk;
    } catch (const CLI::ParseError& e) {
        std::fprintf(stderr, "%s: %s (see --help)\n", app.get_name().c_str(), e.what());
        return kExitUsage;
    }
    return -1;
}

ColorMode color_mode(const CommonOptions& options) {
    ColorMode m = ColorMode::automatic;
    parse_color_mode(options.color, &m);
    return m;
}

std::unique_ptr<Connection> open_running_daemon(CommonOptions& options) {
    if (options.connect.connect.empty()) options.connect.connect = "unix:";
    return Connection::open(options.connect);
}

int fail(const char* command, const std::string& why, int status) {
    std::fprintf(stderr, "tasklens %s: %s\n", command, why.c_str());
    return status;
}

std::string self_exe() {
    char buf[4096];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    return n > 0 ? std::string(buf, static_cast<size_t>(n)) : "tasklens";
}

}  // namespace tl::client
