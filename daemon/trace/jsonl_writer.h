// Writes runtime events as the JSON lines of ../shared/TRACE.md: seq, t, event, then the
// contract fields in the documented order, then extra fields (cause, location). Hand
// written, because a traced run must stay faster than CPython without tracing.
#pragma once

#include <cstdio>
#include <string>

#include "daemon/runtime/observer.h"

namespace tl::trace {

// Appends one event's JSON object (no newline) to `out`.
void append_event_json(std::string& out, const rt::Event& e, uint64_t seq, bool with_extras);

// JSON string escaping (UTF-8 passes through; invalid bytes become U+FFFD).
void append_json_string(std::string& out, std::string_view s);

class JsonlWriter : public rt::Observer {
public:
    // `out` is not owned; it is flushed when the buffer grows and on destruction.
    explicit JsonlWriter(std::FILE* out, bool with_extras = true) : out_(out), extras_(with_extras) {}
    ~JsonlWriter() override { flush(); }
    void on_event(const rt::Event& e) override;
    void flush();
    uint64_t count() const { return seq_; }

private:
    std::FILE* out_;
    bool extras_;
    uint64_t seq_ = 0;
    std::string buf_;
};

}  // namespace tl::trace
