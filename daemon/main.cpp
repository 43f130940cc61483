// tasklensd's entry point. Today it only serves clients (serve_main); each subcommand
// keeps its own main, so adding `tasklensd run FILE` is one branch here: when argv[1] is
// "run", call the function declared in daemon/run_main.h with the remaining arguments.
#include <cstring>

#include "daemon/script/run_main.h"
#include "daemon/server/serve_main.h"

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "run") == 0) return tl::script::run_main(argc - 1, argv + 1);
    return tl::server::serve_main(argc, argv);
}
