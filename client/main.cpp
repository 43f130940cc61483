// tasklens, the inspector client. It speaks only the protocol (protocol/) to a daemon it
// spawns (`tasklensd --stdio`) or connects to. Its commands arrive with the client issue;
// until then it says so plainly and exits with the usage-error status.
#include <cstdio>
#include <cstring>

static const char* kUsage =
    "usage: tasklens <command> [options]\n"
    "\n"
    "The inspector client is not built yet: its commands (run, attach, ps, tasks, cancel,\n"
    "uncancel, pause, resume, step, replay, diff, top) arrive with the client issue.\n"
    "Meanwhile run a scenario with the daemon directly:  tasklensd run FILE\n";

int main(int argc, char** argv) {
    bool help = argc > 1 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0);
    std::fputs(kUsage, help ? stdout : stderr);
    return help ? 0 : 2;
}
