// tasklensd's entry point. Today it only serves clients (serve_main); each subcommand
// keeps its own main, so adding `tasklensd run FILE` is one branch here: when argv[1] is
// "run", call the function declared in daemon/run_main.h with the remaining arguments.
#include "daemon/server/serve_main.h"

int main(int argc, char** argv) { return tl::server::serve_main(argc, argv); }
