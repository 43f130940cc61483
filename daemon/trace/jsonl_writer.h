// Writes runtime events as the JSON lines of ../shared/TRACE.md: seq, t, event, then the
// contract fields in the documented order, then extra fields (cause, location). Hand
// written into one reusable byte buffer, because a traced run must stay far faster than
// traced CPython (issue 8): no allocation per event once the buffer is warm.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "daemon/runtime/observer.h"

namespace tl::trace {

// A growable byte buffer the serializers write into through raw pointers: one capacity
// check per event and one per string field, no allocation once it has grown.
class TraceBuffer {
public:
    TraceBuffer() = default;
    TraceBuffer(const TraceBuffer&) = delete;
    TraceBuffer& operator=(const TraceBuffer&) = delete;
    ~TraceBuffer() { std::free(data_); }

    // Room for n more bytes after the current end; answers where to write them.
    char* reserve(size_t n) {
        if (cap_ - size_ < n) grow(n);
        return data_ + size_;
    }
    // The bytes up to `end` (a pointer from reserve()) are now content.
    void commit(char* end) { size_ = static_cast<size_t>(end - data_); }
    void append(std::string_view s) {
        char* p = reserve(s.size());
        std::memcpy(p, s.data(), s.size());
        size_ += s.size();
    }
    const char* data() const { return data_; }
    size_t size() const { return size_; }
    size_t capacity() const { return cap_; }
    bool empty() const { return size_ == 0; }
    void clear() { size_ = 0; }
    std::string_view view() const { return {data_, size_}; }

private:
    void grow(size_t n);
    char* data_ = nullptr;
    size_t size_ = 0;
    size_t cap_ = 0;
};

// Appends one event's JSON object (no newline). The TraceBuffer form is the fast one
// (the daemon's event stream and the JSONL writer use it); the std::string form copies.
void append_event_json(TraceBuffer& out, const rt::Event& e, uint64_t seq, bool with_extras);
void append_event_json(std::string& out, const rt::Event& e, uint64_t seq, bool with_extras);

// JSON string escaping (UTF-8 passes through; invalid bytes become U+FFFD).
void append_json_string(TraceBuffer& out, std::string_view s);
void append_json_string(std::string& out, std::string_view s);

class JsonlWriter : public rt::Observer {
public:
    // `out` is not owned; it is written (and fflushed) when the buffer passes 64 KiB, on
    // flush() and on destruction: one fwrite per 64 KiB, not one per line.
    explicit JsonlWriter(std::FILE* out, bool with_extras = true) : out_(out), extras_(with_extras) {}
    ~JsonlWriter() override { flush(); }
    void on_event(const rt::Event& e) override;
    void flush();
    uint64_t count() const { return seq_; }

private:
    std::FILE* out_;
    bool extras_;
    uint64_t seq_ = 0;
    // seq_ in decimal, counted in place: no number formatting per event.
    struct SeqText {
        char digits[24] = {'0'};
        size_t len = 1;
        void increment();
    } seq_text_;
    TraceBuffer buf_;
};

}  // namespace tl::trace
