// `tasklensd` serving clients: flags, logging, listeners, signals, and the loop.
// daemon/main.cpp calls it; other subcommands (`tasklensd run`) have their own mains.
#pragma once

namespace tl::server {

// Returns the process exit code: 0 after a signal or shutdown+exit, 1 after exit
// without shutdown or a stdio EOF without shutdown, 2 for a bad command line or a
// listener that cannot start.
int serve_main(int argc, char** argv);

}  // namespace tl::server
