// The JSON form of each event kind; field order follows TRACE.md's table. Everything is
// written through a raw cursor into a TraceBuffer: the fixed parts of an event fit in the
// room reserved up front, and each string field reserves its own worst case.
#include "daemon/trace/jsonl_writer.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "daemon/object/float_repr.h"
#include "daemon/object/str.h"
#include "daemon/runtime/scope.h"
#include "daemon/runtime/task.h"

namespace tl::trace {

using rt::Event;
using rt::EventKind;

void TraceBuffer::grow(size_t n) {
    size_t cap = cap_ ? cap_ : 4096;
    while (cap - size_ < n) cap *= 2;
    char* d = static_cast<char*>(std::realloc(data_, cap));
    if (!d) std::abort();
    data_ = d;
    cap_ = cap;
}

namespace {

// Room for every part of one event that is not a string field: keys, numbers, booleans
// (the longest event, a cancel with its extras, has under 400 such bytes).
constexpr size_t kFixedRoom = 1024;

// A write position in a TraceBuffer. The room up to `limit` is reserved; `need` keeps
// room for a string of n bytes plus the fixed parts of the rest of the event.
struct Cursor {
    TraceBuffer& buf;
    char* p;
    char* limit;

    explicit Cursor(TraceBuffer& b) : buf(b) {
        p = buf.reserve(kFixedRoom);
        limit = const_cast<char*>(buf.data()) + buf.capacity();
    }
    void need(size_t n) {
        if (static_cast<size_t>(limit - p) >= n + kFixedRoom) return;
        buf.commit(p);
        p = buf.reserve(n + kFixedRoom);
        limit = const_cast<char*>(buf.data()) + buf.capacity();
    }
    void done() { buf.commit(p); }

    template <size_t N>
    void lit(const char (&s)[N]) {
        std::memcpy(p, s, N - 1);
        p += N - 1;
    }
    void raw(const char* s, size_t n) {
        std::memcpy(p, s, n);
        p += n;
    }
    void raw(std::string_view s) { raw(s.data(), s.size()); }
    void ch(char c) { *p++ = c; }
};

const char kHex[] = "0123456789abcdef";

// Whether any of the 8 bytes in x needs more than a copy: a control byte, a non-ASCII
// byte, '"' or '\\' (the has-zero-byte trick; exact for "any", which is all we ask).
inline bool any_special(uint64_t x) {
    constexpr uint64_t ones = 0x0101010101010101ull;
    constexpr uint64_t high = 0x8080808080808080ull;
    uint64_t ctrl = (x - ones * 0x20) & ~x;
    uint64_t q = x ^ (ones * '"');
    uint64_t b = x ^ (ones * '\\');
    return ((ctrl | ((q - ones) & ~q) | ((b - ones) & ~b) | x) & high) != 0;
}

// Escapes s as a JSON string at p; the room for it must be reserved already (6 bytes per
// input byte covers the longest escape, \u00XX; the 8-byte copies below may write up to
// 7 bytes past the end, which the reserve must allow for too).
char* escape_into(char* p, std::string_view s) {
    *p++ = '"';
    size_t i = 0;
    const size_t n = s.size();
    const char* d = s.data();
    while (i < n) {
        // Plain bytes (every task name, label and path in practice) are copied 8 at a time;
        // a block with a special byte is copied too and then redone byte by byte.
        while (i + 8 <= n) {
            uint64_t x;
            std::memcpy(&x, d + i, 8);
            std::memcpy(p, &x, 8);
            if (any_special(x)) break;
            i += 8;
            p += 8;
        }
        if (size_t r = n - i; r >= 4 && r < 8) {
            // A tail of 4-7 bytes (names like "Task-12" are all tail) as two overlapping
            // 4-byte words: fixed-size loads and stores, no call to memcpy.
            uint32_t lo, hi;
            std::memcpy(&lo, d + i, 4);
            std::memcpy(&hi, d + n - 4, 4);
            if (!any_special(lo | static_cast<uint64_t>(hi) << 32)) {
                std::memcpy(p, &lo, 4);
                std::memcpy(p + r - 4, &hi, 4);
                p += r;
                break;
            }
        }
        while (i < n) {
            unsigned char c = static_cast<unsigned char>(d[i]);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
            *p++ = static_cast<char>(c);
            ++i;
        }
        if (i >= n) break;
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\') {
            *p++ = '\\';
            *p++ = static_cast<char>(c);
            ++i;
            continue;
        }
        if (c < 0x20) {
            *p++ = '\\';
            switch (c) {
                case '\n': *p++ = 'n'; break;
                case '\r': *p++ = 'r'; break;
                case '\t': *p++ = 't'; break;
                case '\b': *p++ = 'b'; break;
                case '\f': *p++ = 'f'; break;
                default:
                    *p++ = 'u';
                    *p++ = '0';
                    *p++ = '0';
                    *p++ = kHex[c >> 4];
                    *p++ = kHex[c & 15];
            }
            ++i;
            continue;
        }
        // Validate one UTF-8 sequence; pass it through or replace it.
        size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
        bool ok = len > 0 && i + len <= n;
        for (size_t k = 1; ok && k < len; ++k) {
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) ok = false;
        }
        if (ok) {
            std::memcpy(p, s.data() + i, len);
            p += len;
            i += len;
        } else {
            std::memcpy(p, "\xEF\xBF\xBD", 3);
            p += 3;
            ++i;
        }
    }
    *p++ = '"';
    return p;
}

// A JSON string field; 6 bytes per input byte covers the longest escape (\u00XX).
void str(Cursor& c, std::string_view s) {
    c.need(s.size() * 6 + 16);
    c.p = escape_into(c.p, s);
}

// A cached escape: fill_json makes it, json_bytes copies it. Short ones are copied as
// one fixed 16- or 32-byte block (a fixed-size copy is a few moves where a sized one is a
// call): the room past the end is reserved in the buffer (kFixedRoom), and the source has
// the bytes: a std::string holds at least 16 (its inline buffer, or capacity()+1 > 16 on
// the heap), and the 32-byte copy is taken only when capacity() says so. fill_json keeps
// short escapes inline (a Task-N name would otherwise cost each task a heap buffer).
void fill_json(std::string& j, std::string_view s) {
    char local[256];
    if (s.size() * 6 + 16 <= sizeof local) {
        j.assign(local, static_cast<size_t>(escape_into(local, s) - local));
        return;
    }
    j.resize(s.size() * 6 + 16);
    j.resize(static_cast<size_t>(escape_into(j.data(), s) - j.data()));
}

[[gnu::always_inline]] inline void json_bytes(Cursor& c, const std::string& j) {
    c.need(j.size());
    if (j.size() <= 16) {
        std::memcpy(c.p, j.data(), 16);
        c.p += j.size();
    } else if (j.size() <= 32 && j.capacity() >= 31) {
        std::memcpy(c.p, j.data(), 32);
        c.p += j.size();
    } else {
        c.raw(j.data(), j.size());
    }
}

// A task's name is escaped once and kept on the task (Task::name_json_cache, cleared by
// set_name): most events name one or two tasks.
void task_name(Cursor& c, const rt::Task* t) {
    if (!t) {
        c.lit("null");
        return;
    }
    std::string& j = t->name_json_cache();
    if (j.empty()) fill_json(j, t->name());
    json_bytes(c, j);
}

// The last string escaped for one field (the location's file: one file per scenario in
// practice), reused while the next one has the same bytes.
struct EscapeCache {
    std::string raw;
    std::string json;

    void write(Cursor& c, std::string_view s) {
        if (s.size() != raw.size() || std::memcmp(s.data(), raw.data(), s.size()) != 0) {
            raw.assign(s.data(), s.size());
            fill_json(json, s);
        }
        json_bytes(c, json);
    }
};

thread_local EscapeCache file_cache;

thread_local EscapeCache type_cache;

void type_name(Cursor& c, const Type* t) {
    if (t) type_cache.write(c, t->name()); else c.lit("null");
}

void scope_label(Cursor& c, const rt::Scope* s) {
    if (!s) {
        c.lit("null");
        return;
    }
    std::string& j = s->label_json_cache();
    if (j.empty()) fill_json(j, s->label());
    json_bytes(c, j);
}

void boolean(Cursor& c, bool b) {
    if (b) c.lit("true"); else c.lit("false");
}

// Counts and line numbers are mostly one or two digits.
void integer(Cursor& c, int64_t v) {
    if (static_cast<uint64_t>(v) < 10) {
        *c.p++ = static_cast<char>('0' + v);
    } else if (static_cast<uint64_t>(v) < 100) {
        c.p[0] = static_cast<char>('0' + v / 10);
        c.p[1] = static_cast<char>('0' + v % 10);
        c.p += 2;
    } else {
        c.p = std::to_chars(c.p, c.p + 24, v).ptr;
    }
}

// The last few floats' reprs, shared by `t` and `when`: every event of one loop pass has
// the same `t`, a timeout's `when` recurs in its enter/reschedule events, and the `when`
// of a timeout that expires is the `t` of the pass it expires in (a shortest repr costs
// ~500 instructions). Keyed on the bits, so 0.0 and -0.0 stay apart.
struct ReprCache {
    static constexpr size_t kEntries = 4;
    struct Entry {
        uint64_t bits = 0;  // 0.0
        uint8_t len = 3;
        char text[kFloatReprMax] = {'0', '.', '0'};
    };
    Entry entries[kEntries];
    size_t next = 0;  // the entry a miss replaces (round robin)

    void write(Cursor& c, double d) {
        uint64_t b;
        std::memcpy(&b, &d, sizeof b);
        Entry* hit = nullptr;
        for (Entry& e : entries) {
            if (e.bits == b) {
                hit = &e;
                break;
            }
        }
        if (!hit) {
            hit = &entries[next];
            next = (next + 1) % kEntries;
            hit->bits = b;
            hit->len = static_cast<uint8_t>(float_repr_to(hit->text, d) - hit->text);
        }
        std::memcpy(c.p, hit->text, sizeof hit->text);  // fixed size: the room is reserved
        c.p += hit->len;
    }
};

thread_local ReprCache repr_cache;


void quoted(Cursor& c, const char* s) {
    c.ch('"');
    c.raw(s, std::strlen(s));
    c.ch('"');
}

// A name from a fixed set, quoted, with its length: made once per name, not per event.
struct Quoted {
    char text[24];
    uint8_t len;
};

template <class Enum, size_t N>
struct QuotedNames {
    Quoted names[N];
    explicit QuotedNames(const char* (*name_of)(Enum)) {
        for (size_t i = 0; i < N; ++i) {
            const char* s = name_of(static_cast<Enum>(i));
            size_t n = std::strlen(s);
            if (n + 2 > sizeof names[i].text) std::abort();
            names[i].text[0] = '"';
            std::memcpy(names[i].text + 1, s, n);
            names[i].text[n + 1] = '"';
            names[i].len = static_cast<uint8_t>(n + 2);
        }
    }
    void write(Cursor& c, Enum v) const {
        size_t i = static_cast<size_t>(v);
        if (i >= N) {
            quoted(c, "?");
            return;
        }
        std::memcpy(c.p, names[i].text, sizeof names[i].text);
        c.p += names[i].len;
    }
};

const QuotedNames<EventKind, static_cast<size_t>(EventKind::CallbackError) + 1> kEventNames(&rt::event_name);
const QuotedNames<rt::CauseKind, static_cast<size_t>(rt::CauseKind::WaitFor) + 1> kCauseNames(&rt::cause_name);

// `seq` is the event's number already in decimal (the JSONL writer counts in text); its
// bytes must be readable up to 20 past seq.data() (both callers keep it in a char[24]).
void write_event(Cursor& c, const Event& e, std::string_view seq, bool with_extras) {
    c.lit("{\"seq\": ");
    // The digits fit in 24 bytes; copied as one fixed block when the source has them all.
    if (seq.size() <= 20) {
        std::memcpy(c.p, seq.data(), 20);
        c.p += seq.size();
    } else {
        c.raw(seq.data(), seq.size());
    }
    c.lit(", \"t\": ");
    repr_cache.write(c, e.t);
    c.lit(", \"event\": ");
    kEventNames.write(c, e.kind);
    switch (e.kind) {
        case EventKind::TaskCreated:
            c.lit(", \"task\": "); task_name(c, e.task);
            c.lit(", \"coro\": ");
            if (e.task && e.task->coro()) str(c, e.task->coro()->qualname()); else c.lit("null");
            c.lit(", \"parent\": "); task_name(c, e.parent);
            break;
        case EventKind::Cancel: {
            c.lit(", \"task\": "); task_name(c, e.task);
            c.lit(", \"by\": "); task_name(c, e.by);
            c.lit(", \"msg\": ");
            const std::string* m = e.msg ? str_of(*e.msg) : nullptr;
            if (m) str(c, *m); else c.lit("null");
            c.lit(", \"result\": "); boolean(c, e.result);
            c.lit(", \"cancelling\": "); integer(c, static_cast<int64_t>(e.cancelling));
            c.lit(", \"must_cancel\": "); boolean(c, e.must_cancel);
            break;
        }
        case EventKind::Uncancel:
            c.lit(", \"task\": "); task_name(c, e.task);
            c.lit(", \"by\": "); task_name(c, e.by);
            c.lit(", \"cancelling\": "); integer(c, static_cast<int64_t>(e.cancelling));
            c.lit(", \"must_cancel\": "); boolean(c, e.must_cancel);
            c.lit(", \"rescinded\": "); boolean(c, e.rescinded);
            break;
        case EventKind::Throw: {
            c.lit(", \"task\": "); task_name(c, e.task);
            c.lit(", \"exc\": "); type_name(c, e.exc_type);
            c.lit(", \"msg\": ");
            const std::string* m = e.exc ? e.exc->message_str() : nullptr;
            if (m) str(c, *m); else c.lit("null");
            break;
        }
        case EventKind::Done:
            c.lit(", \"task\": "); task_name(c, e.task);
            c.lit(", \"state\": "); quoted(c, rt::done_state_name(e.state));
            c.lit(", \"exc\": "); type_name(c, e.state == rt::DoneState::Exception ? e.exc_type : nullptr);
            break;
        case EventKind::TimeoutEnter:
            c.lit(", \"scope\": "); scope_label(c, e.scope);
            c.lit(", \"task\": "); task_name(c, e.task);
            c.lit(", \"when\": ");
            if (e.when) repr_cache.write(c, *e.when); else c.lit("null");
            break;
        case EventKind::TimeoutReschedule:
            c.lit(", \"scope\": "); scope_label(c, e.scope);
            c.lit(", \"when\": ");
            if (e.when) repr_cache.write(c, *e.when); else c.lit("null");
            break;
        case EventKind::TimeoutExpire:
            c.lit(", \"scope\": "); scope_label(c, e.scope);
            c.lit(", \"task\": "); task_name(c, e.task);
            break;
        case EventKind::TimeoutExit:
            c.lit(", \"scope\": "); scope_label(c, e.scope);
            c.lit(", \"task\": "); task_name(c, e.task);
            c.lit(", \"expired\": "); boolean(c, e.expired);
            c.lit(", \"raised\": "); type_name(c, e.exc_type);
            break;
        case EventKind::TaskGroupEnter:
            c.lit(", \"scope\": "); scope_label(c, e.scope);
            c.lit(", \"task\": "); task_name(c, e.task);
            break;
        case EventKind::TaskGroupAbort:
            c.lit(", \"scope\": "); scope_label(c, e.scope);
            break;
        case EventKind::TaskGroupExit:
            c.lit(", \"scope\": "); scope_label(c, e.scope);
            c.lit(", \"task\": "); task_name(c, e.task);
            c.lit(", \"raised\": "); type_name(c, e.exc_type);
            break;
        case EventKind::Print:
            c.lit(", \"text\": "); str(c, e.text);
            break;
        case EventKind::Exit:
            c.lit(", \"status\": "); quoted(c, rt::done_state_name(e.state));
            c.lit(", \"exc\": "); type_name(c, e.exc_type);
            break;
        case EventKind::CallbackError:
            c.lit(", \"message\": "); str(c, e.text);
            c.lit(", \"exc\": "); type_name(c, e.exc_type);
            break;
    }
    if (with_extras) {
        bool cancel_like = e.kind == EventKind::Cancel || e.kind == EventKind::Uncancel;
        if (cancel_like) {
            c.lit(", \"cause\": "); kCauseNames.write(c, e.cause.kind);
            if (e.cause.scope) { c.lit(", \"cause_scope\": "); scope_label(c, e.cause.scope); }
            c.lit(", \"cancelling_before\": "); integer(c, static_cast<int64_t>(e.cancelling_before));
        }
        const rt::Task* where = cancel_like ? e.by : e.task;
        if (where && where->coro() && e.kind != EventKind::TaskCreated) {
            // location_point: the file viewed in place, not copied into a string per event.
            rt::SourcePoint loc = where->coro()->location_point();
            if (loc.line > 0) {
                c.lit(", \"file\": "); file_cache.write(c, loc.file);
                c.lit(", \"line\": "); integer(c, static_cast<int64_t>(loc.line));
            }
        }
    }
    c.ch('}');
}

}  // namespace

void append_json_string(TraceBuffer& out, std::string_view s) {
    char* p = out.reserve(s.size() * 6 + 16);
    out.commit(escape_into(p, s));
}

void append_json_string(std::string& out, std::string_view s) {
    thread_local TraceBuffer scratch;
    scratch.clear();
    append_json_string(scratch, s);
    out.append(scratch.data(), scratch.size());
}

void append_event_json(TraceBuffer& out, const Event& e, uint64_t seq, bool with_extras) {
    char digits[24];
    char* end = std::to_chars(digits, digits + sizeof digits, seq).ptr;
    Cursor c(out);
    write_event(c, e, std::string_view(digits, static_cast<size_t>(end - digits)), with_extras);
    c.done();
}

void append_event_json(std::string& out, const Event& e, uint64_t seq, bool with_extras) {
    thread_local TraceBuffer scratch;
    scratch.clear();
    append_event_json(scratch, e, seq, with_extras);
    out.append(scratch.data(), scratch.size());
}

void JsonlWriter::SeqText::increment() {
    // Decimal increment with carry; a carry out of the first digit adds a leading 1.
    for (size_t i = len; i-- > 0;) {
        if (digits[i] != '9') {
            ++digits[i];
            return;
        }
        digits[i] = '0';
    }
    std::memmove(digits + 1, digits, len);
    digits[0] = '1';
    ++len;
}

void JsonlWriter::on_event(const Event& e) {
    ++seq_;
    seq_text_.increment();
    Cursor c(buf_);
    write_event(c, e, std::string_view(seq_text_.digits, seq_text_.len), extras_);
    c.ch('\n');
    c.done();
    if (buf_.size() > (1u << 16)) flush();
}

void JsonlWriter::flush() {
    if (!buf_.empty()) {
        std::fwrite(buf_.data(), 1, buf_.size(), out_);
        buf_.clear();
    }
    std::fflush(out_);
}

}  // namespace tl::trace
