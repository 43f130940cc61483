// Style: terminal detection and ANSI colouring for the text views (see style.h).
#include "client/render/style.h"

#include <cstdlib>
#include <unistd.h>

namespace tl::client {

bool parse_color_mode(const std::string& text, ColorMode* out) {
    if (text == "auto") *out = ColorMode::automatic;
    else if (text == "always") *out = ColorMode::always;
    else if (text == "never") *out = ColorMode::never;
    else return false;
    return true;
}

bool use_color(ColorMode mode, int fd) {
    if (mode == ColorMode::always) return true;
    if (mode == ColorMode::never) return false;
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color && *no_color) return false;  // https://no-color.org: any non-empty value
    const char* term = std::getenv("TERM");
    if (term && std::string(term) == "dumb") return false;
    return ::isatty(fd) == 1;
}

int task_color_index(const std::string& name) {
    unsigned h = 2166136261u;
    for (unsigned char c : name) h = (h ^ c) * 16777619u;
    return static_cast<int>(h % 6);
}

std::string Style::paint(const std::string& text, const char* sgr) const {
    if (!color || text.empty()) return text;
    return "\x1b[" + std::string(sgr) + "m" + text + "\x1b[0m";
}

std::string Style::task(const std::string& name) const {
    static const char* kColors[] = {"36", "33", "35", "32", "34", "96"};
    return paint(name, kColors[task_color_index(name)]);
}

}  // namespace tl::client
