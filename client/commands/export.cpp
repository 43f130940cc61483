// `tasklens export --perfetto OUT | --html OUT FILE.jsonl`: turns a recorded trace (the JSON
// lines `tasklensd run --format jsonl` prints) into a Perfetto/Chrome trace or an HTML timeline.
// Until client/main.cpp has its command table, tests/visual/export_main.cpp calls it directly.
#include "client/render/html.h"
#include "client/render/perfetto.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

static const char* kExportUsage = "usage: tasklens export (--perfetto OUT | --html OUT) FILE.jsonl   (FILE '-' = stdin)\n";

// Reads JSON lines; a line that is not JSON is an error naming its line number.
static bool read_jsonl(std::istream& in, std::vector<nlohmann::json>* events, std::string* error) {
    std::string line;
    size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        nlohmann::json ev = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
        if (ev.is_discarded()) {
            *error = "line " + std::to_string(number) + " is not JSON";
            return false;
        }
        events->push_back(std::move(ev));
    }
    return true;
}

int export_command(int argc, char** argv) {
    std::string perfetto_out, html_out, input;
    for (int i = 0; i < argc; ++i) {
        std::string arg = argv[i];
        if ((arg == "--perfetto" || arg == "--html") && i + 1 < argc) {
            (arg == "--perfetto" ? perfetto_out : html_out) = argv[++i];
        } else if (arg == "--help" || arg == "-h") {
            std::fputs(kExportUsage, stdout);
            return 0;
        } else if (input.empty() && (arg == "-" || arg.rfind("--", 0) != 0)) {
            input = arg;
        } else {
            std::fputs(kExportUsage, stderr);
            return 2;
        }
    }
    if (input.empty() || (perfetto_out.empty() && html_out.empty())) {
        std::fputs(kExportUsage, stderr);
        return 2;
    }
    std::vector<nlohmann::json> events;
    std::string error;
    std::ifstream file;
    if (input != "-") {
        file.open(input);
        if (!file) {
            std::fprintf(stderr, "tasklens export: cannot open %s\n", input.c_str());
            return 2;  // like every command: a bad input or output file is a usage error
        }
    }
    if (!read_jsonl(input == "-" ? std::cin : file, &events, &error)) {
        std::fprintf(stderr, "tasklens export: %s: %s\n", input.c_str(), error.c_str());
        return 2;
    }
    struct Target {
        const std::string& path;
        bool (*write)(const std::vector<nlohmann::json>&, std::ostream&, std::string*);
    };
    for (const Target& target : {Target{perfetto_out, write_perfetto}, Target{html_out, write_html}}) {
        if (target.path.empty()) continue;
        std::ofstream out(target.path, std::ios::binary);
        if (!out || !target.write(events, out, &error)) {
            std::fprintf(stderr, "tasklens export: %s: %s\n", target.path.c_str(),
                         error.empty() ? "cannot write" : error.c_str());
            return 2;
        }
    }
    return 0;
}
