// `tasklens replay FILE`: plays a recording (`run --record`, or any `--format jsonl`
// output) through the pretty or jsonl view, or the `top` dashboard (--top, with seek keys).
// --from/--to/--until seek in the text views.
#include "client/commands/command.h"
#include "client/render/player.h"
#include "client/top/dashboard.h"

#include <iostream>
#include <unistd.h>

namespace tl::client {

int replay_command(int argc, char** argv) {
    CLI::App app("Play a recording back through the same views.", "tasklens replay");
    CommonOptions common;
    std::string file, format;
    long from = 0, to = 0;
    double until = -1;
    bool top = false;
    app.add_option("--color", common.color, "auto, always, never")->check(CLI::IsMember({"auto", "always", "never"}));
    app.add_option("--format", format, "pretty (default on a terminal) or jsonl")->check(CLI::IsMember({"pretty", "jsonl"}));
    app.add_option("--from", from, "Show events from this seq on (the state before it is still applied)");
    app.add_option("--to", to, "Show events up to this seq");
    app.add_option("--until", until, "Show events up to this loop time");
    app.add_flag("--top", top, "Open the recording in the full-screen dashboard (←/→ seek)");
    app.add_option("FILE", file, "The recording (JSON lines of events)")->required();
    if (int rc = parse_or_exit(app, argc, argv); rc >= 0) return rc;
    if (top) {
        DashboardOptions options;
        options.recording = read_recording(file);
        options.title = file;
        return run_dashboard(nullptr, options);
    }
    PlayOptions options;
    options.pretty = format.empty() ? ::isatty(1) == 1 : format == "pretty";
    options.style.color = options.pretty && use_color(color_mode(common), 1);
    options.from_seq = from;
    options.to_seq = to;
    options.until_t = until;
    auto feed = make_file_feed(file);
    return play(*feed, std::cout, options).status;
}

}  // namespace tl::client
