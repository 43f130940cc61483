// tasklensd entry point; the server and `run` subcommands plug in here.
#include <cstdio>

int main() {
    std::fputs("tasklensd: nothing wired yet\n", stderr);
    return 2;
}
