// Colour policy and the ANSI pieces the text views use. Colour is on only when asked
// (--color always) or when stdout is a terminal, NO_COLOR is unset and --color is auto;
// a stable colour per task comes from a hash of its name, so it survives re-runs.
#pragma once
#include <string>

namespace tl::client {

enum class ColorMode { automatic, always, never };

// Parses "auto" / "always" / "never"; false for anything else.
bool parse_color_mode(const std::string& text, ColorMode* out);
// Decides for one output stream (a file descriptor).
bool use_color(ColorMode mode, int fd);

struct Style {
    bool color = false;
    std::string paint(const std::string& text, const char* sgr) const;  // sgr like "1;31"
    std::string task(const std::string& name) const;                    // the task's colour
    std::string dim(const std::string& text) const { return paint(text, "2"); }
    std::string bold(const std::string& text) const { return paint(text, "1"); }
};

// The colour index (0..5) of a task: FNV-1a of its name.
int task_color_index(const std::string& name);

}  // namespace tl::client
