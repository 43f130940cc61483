// tasklens, the inspector client: dispatches `tasklens COMMAND ARGS…` to the command table
// (client/commands/table.cpp). It speaks only the protocol (protocol/) to a daemon it
// spawns (`tasklensd --stdio`) or connects to; see `tasklens --help`.
#include "client/commands/command.h"

#include <cstdio>
#include <cstring>
#include <string>

using namespace tl::client;

static void usage(FILE* out) {
    std::fputs("usage: tasklens <command> [options]   (tasklens <command> --help for its options)\n\n"
               "Shows what asyncio does when tasks are cancelled, live.\n\ncommands:\n",
               out);
    for (const auto& c : command_table()) std::fprintf(out, "  %-9s %s\n", c.name, c.summary);
    std::fputs("\nexit status: 0 ok, 1 the scenario failed, 2 usage or connection error\n", out);
}

int main(int argc, char** argv) {
    if (argc < 2) {
        usage(stderr);
        return kExitUsage;
    }
    std::string cmd = argv[1];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        usage(stdout);
        return kExitOk;
    }
    if (cmd == "--version") {
        std::puts("tasklens 0.1.0");
        return kExitOk;
    }
    for (const auto& c : command_table())
        if (cmd == c.name) {
            try {
                return c.main(argc - 1, argv + 1);
            } catch (const ClientError& e) {
                return fail(c.name, e.what());
            }
        }
    std::fprintf(stderr, "tasklens: unknown command '%s' (see tasklens --help)\n", cmd.c_str());
    return kExitUsage;
}
