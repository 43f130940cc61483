// tasklensd's entry point: picks the subcommand. `tasklensd run FILE` runs one scenario
// (script/run_main); anything else serves clients (server/serve_main). Each subcommand
// keeps its own main and flags, so adding one is one branch here.
#include <cstring>

#include "daemon/script/run_main.h"
#include "daemon/server/serve_main.h"

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "run") == 0) return tl::script::run_main(argc - 1, argv + 1);
    return tl::server::serve_main(argc, argv);
}
