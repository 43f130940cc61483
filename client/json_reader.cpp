// read_json_fast (json_reader.h): a recursive-descent reader over the body's bytes. It
// mirrors nlohmann's lexer (json_abi_v3_11_2 detail::lexer) rule by rule where results
// could differ — number types, \u escapes and surrogate pairs, RFC 3629 UTF-8 checks — and
// declines the rare cases it does not mirror, which read_json sends to nlohmann.
#include "client/json_reader.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace tl::client {
namespace {

constexpr int kMaxDepth = 256;

// k == lit, with the length known at compile time so the compare is inlined (the event
// keys are compared once per field of every streamed event).
template <size_t N>
bool is(std::string_view k, const char (&lit)[N]) {
    return k.size() == N - 1 && std::memcmp(k.data(), lit, N - 1) == 0;
}

struct Declined {};  // unwinds to read_json_fast: "let nlohmann decide"

class Reader {
public:
    explicit Reader(std::string_view text) : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()) {}

    // The `session/event` envelope, keys in any order; Declined for anything else.
    void batch(const std::shared_ptr<const std::string>& src, EventBatch& out) {
        skip_ws();
        if (peek() != '{') throw Declined{};
        ++p_;
        bool method_ok = false, have_events = false;
        skip_ws();
        if (peek() == '}') throw Declined{};
        for (;;) {
            skip_ws();
            std::string_view k = key();
            if (k == "method") {
                if (peek() != '"') throw Declined{};
                scratch_str_.clear();
                string_into(scratch_str_);
                if (scratch_str_ != "session/event") throw Declined{};  // other messages: the generic path
                method_ok = true;
            } else if (k == "params") {
                params(src, out);
                have_events = true;
            } else if (k == "jsonrpc") {
                skip_value(1);
            } else {
                throw Declined{};  // an id: a request or a reply, not a notification
            }
            if (end_object_or_comma()) break;
        }
        skip_ws();
        if (p_ != end_ || !method_ok || !have_events) throw Declined{};
    }

    // A single event object making up the whole text.
    Event single_event(const std::shared_ptr<const std::string>& src, bool canonical) {
        skip_ws();
        const char* start = p_;
        Event ev;
        event_into(ev, 1);
        const char* stop = p_;
        skip_ws();
        if (p_ != end_) throw Declined{};
        ev.set_source(src, static_cast<size_t>(start - begin_), static_cast<size_t>(stop - start), canonical);
        return ev;
    }

    Json document() {
        skip_ws();
        Json v = value(0);
        skip_ws();
        if (p_ != end_) throw Declined{};
        return v;
    }

private:
    // `"key" :`, returned as a view: of the text itself when the key is plain ASCII
    // without escapes (always, from the daemon), else of key_ holding it decoded.
    std::string_view key() {
        if (peek() != '"') throw Declined{};
        std::string_view k;
        if (const char* close = plain_string_end()) {
            k = std::string_view(p_ + 1, static_cast<size_t>(close - p_ - 1));
            p_ = close + 1;
        } else {
            key_.clear();
            string_into(key_);
            k = key_;
        }
        skip_ws();
        if (peek() != ':') throw Declined{};
        ++p_;
        skip_ws();
        return k;
    }
    // At an opening quote: where the string closes when it holds only plain ASCII (no
    // escape, control or non-ASCII byte), else nullptr (then string_into reads it).
    const char* plain_string_end() const {
        const char* r = p_ + 1;
        while (r != end_) {
            unsigned char c = static_cast<unsigned char>(*r);
            if (c == '"') return r;
            if (c == '\\' || c < 0x20 || c >= 0x80) return nullptr;
            ++r;
        }
        return nullptr;
    }
    // After a member: true at the closing brace, false at a comma (both consumed).
    bool end_object_or_comma() {
        skip_ws();
        char c = peek();
        ++p_;
        if (c == '}') return true;
        if (c != ',') throw Declined{};
        return false;
    }
    // A value read and dropped (still checked, so a batch taken is valid JSON).
    void skip_value(int depth) {
        if (peek() == '"') {
            if (const char* close = plain_string_end()) {
                p_ = close + 1;
                return;
            }
            scratch_str_.clear();
            string_into(scratch_str_);
        } else {
            value(depth);  // scalars build nothing on the heap; containers are rare here
        }
    }

    void params(const std::shared_ptr<const std::string>& src, EventBatch& out) {
        if (peek() != '{') throw Declined{};
        ++p_;
        bool have_session = false, have_events = false;
        skip_ws();
        if (peek() == '}') throw Declined{};
        for (;;) {
            skip_ws();
            std::string_view k = key();
            if (k == "session") {
                if (peek() != '"') throw Declined{};
                out.session.clear();
                string_into(out.session);
                have_session = true;
            } else if (k == "events") {
                if (have_events || peek() != '[') throw Declined{};
                have_events = true;
                ++p_;
                skip_ws();
                if (peek() == ']') {
                    ++p_;
                } else {
                    for (;;) {
                        skip_ws();
                        const char* start = p_;
                        out.events.emplace_back();
                        event_into(out.events.back(), 3);
                        out.events.back().set_source(src, static_cast<size_t>(start - begin_),
                                                     static_cast<size_t>(p_ - start), true);
                        skip_ws();
                        char c = peek();
                        ++p_;
                        if (c == ']') break;
                        if (c != ',') throw Declined{};
                    }
                }
            } else {
                skip_value(2);  // params this client does not read
            }
            if (end_object_or_comma()) break;
        }
        if (!have_session || !have_events) throw Declined{};
    }

    // A string field: the string, or "" for any other value (as str_field reads it). A
    // string without escapes or non-ASCII bytes is viewed in place (the event keeps the
    // text); any other is decoded into a string the event owns.
    void view_field(std::string_view& field, Event& ev, int depth) {
        field = {};
        if (peek() != '"') {
            skip_value(depth);
            return;
        }
        if (const char* close = plain_string_end()) {
            field = std::string_view(p_ + 1, static_cast<size_t>(close - p_ - 1));
            p_ = close + 1;
            return;
        }
        std::string s;
        string_into(s);
        if (!s.empty()) field = ev.own(std::move(s));
    }
    // A scalar field read as nlohmann would type it; a string or container reads as null.
    Json scalar_field(int depth) {
        if (peek() == '"' || peek() == '{' || peek() == '[') {
            skip_value(depth);
            return Json();
        }
        return value(depth);
    }

    // One event object into `ev`: the typed fields set (a repeated key: its last value,
    // as nlohmann keeps), every other field checked and left to ev.json().
    void event_into(Event& ev, int depth) {
        if (depth > kMaxDepth || peek() != '{') throw Declined{};
        ++p_;
        skip_ws();
        if (peek() == '}') {
            ++p_;
            return;
        }
        for (;;) {
            skip_ws();
            std::string_view k = key();
            std::string_view* str = nullptr;  // a string field, read after the switch
            bool consumed = false;       // a number/bool field read in the switch
            auto scalar = [&] {
                consumed = true;
                return scalar_field(depth);
            };
            switch (k.size()) {
                case 1:
                    if (k[0] == 't') {
                        Json v = scalar();
                        ev.has_t = v.is_number();
                        ev.t = ev.has_t ? v.get<double>() : 0;
                    }
                    break;
                case 2:
                    if (is(k, "by")) str = &ev.by;
                    break;
                case 3:
                    if (is(k, "seq")) {
                        Json v = scalar();
                        ev.seq = v.is_number() ? v.get<std::int64_t>() : 0;
                    } else if (is(k, "exc")) {
                        str = &ev.exc;
                    }
                    break;
                case 4:
                    if (is(k, "task")) {
                        str = &ev.task;
                    } else if (is(k, "coro")) {
                        str = &ev.coro;
                    } else if (is(k, "file")) {
                        str = &ev.file;
                    } else if (is(k, "line")) {
                        Json v = scalar();
                        ev.has_line = v.is_number();
                        ev.line = ev.has_line ? v.get<long>() : 0;
                    }
                    break;
                case 5:
                    if (is(k, "event")) {
                        view_field(ev.other_kind, ev, depth);
                        consumed = true;
                        ev.kind = event_kind_of(ev.other_kind);
                        if (ev.kind != EventKind::other) ev.other_kind = {};
                    } else if (is(k, "scope")) {
                        str = &ev.scope;
                    } else if (is(k, "state")) {
                        str = &ev.state;
                    } else if (is(k, "cause")) {
                        str = &ev.cause;
                    }
                    break;
                case 6:
                    if (is(k, "parent")) str = &ev.parent;
                    else if (is(k, "status")) str = &ev.status;
                    break;
                case 10:
                    if (is(k, "cancelling")) {
                        Json v = scalar();
                        ev.has_cancelling = v.is_number();
                        ev.cancelling = ev.has_cancelling ? v.get<long>() : 0;
                    }
                    break;
                case 11:
                    if (is(k, "must_cancel")) {
                        Json v = scalar();
                        ev.must_cancel = v.is_boolean() && v.get<bool>();
                    }
                    break;
                default: break;
            }
            if (str) view_field(*str, ev, depth);
            else if (!consumed) skip_value(depth);
            if (end_object_or_comma()) return;
        }
    }

    void skip_ws() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }
    char peek() const {
        if (p_ == end_) throw Declined{};
        return *p_;
    }
    void expect_word(std::string_view w) {
        if (static_cast<size_t>(end_ - p_) < w.size() || std::string_view(p_, w.size()) != w) throw Declined{};
        p_ += w.size();
    }

    Json value(int depth) {
        switch (peek()) {
            case '{': return object(depth + 1);
            case '[': return array(depth + 1);
            case '"': {
                Json s(Json::value_t::string);
                string_into(s.get_ref<std::string&>());
                return s;
            }
            case 't': expect_word("true"); return Json(true);
            case 'f': expect_word("false"); return Json(false);
            case 'n': expect_word("null"); return Json(nullptr);
            default: return number();
        }
    }

    // Members are gathered in a scratch vector kept per depth (no allocation once warm)
    // and moved into an object_t reserved to its exact size.
    Json object(int depth) {
        if (depth > kMaxDepth) throw Declined{};
        ++p_;  // '{'
        // Indexed afresh each time: a nested object may grow scratch_ and move its rows.
        if (scratch_.size() < static_cast<size_t>(depth)) scratch_.resize(depth);
        scratch_[depth - 1].clear();
        skip_ws();
        if (peek() != '}') {
            for (;;) {
                skip_ws();
                if (peek() != '"') throw Declined{};
                std::string key;
                string_into(key);
                // nlohmann keeps the first position and the last value of a repeated
                // key; the daemon never repeats one, so that case is left to it.
                for (auto& m : scratch_[depth - 1])
                    if (m.first.size() == key.size() && m.first == key) throw Declined{};
                skip_ws();
                if (peek() != ':') throw Declined{};
                ++p_;
                skip_ws();
                Json v = value(depth);
                scratch_[depth - 1].emplace_back(std::move(key), std::move(v));
                skip_ws();
                char c = peek();
                ++p_;
                if (c == '}') break;
                if (c != ',') throw Declined{};
            }
        } else {
            ++p_;
        }
        auto& ms = scratch_[depth - 1];
        Json out(Json::value_t::object);
        auto& obj = out.get_ref<Json::object_t&>();
        obj.reserve(ms.size());
        for (auto& m : ms) obj.emplace_back(std::move(m.first), std::move(m.second));
        ms.clear();
        return out;
    }

    Json array(int depth) {
        if (depth > kMaxDepth) throw Declined{};
        ++p_;  // '['
        Json out(Json::value_t::array);
        auto& arr = out.get_ref<Json::array_t&>();
        skip_ws();
        if (peek() == ']') {
            ++p_;
            return out;
        }
        for (;;) {
            skip_ws();
            arr.push_back(value(depth));
            skip_ws();
            char c = peek();
            ++p_;
            if (c == ']') return out;
            if (c != ',') throw Declined{};
        }
    }

    // JSON's number grammar, then nlohmann's typing: no fraction or exponent means an
    // integer, unsigned unless it has a minus sign; an integer too big for its type is
    // read as a double (lexer::scan_number does the same with strtoull/strtoll/strtod).
    Json number() {
        const char* start = p_;
        bool negative = false, is_float = false;
        if (p_ != end_ && *p_ == '-') {
            negative = true;
            ++p_;
        }
        if (p_ == end_) throw Declined{};
        if (*p_ == '0') {
            ++p_;
        } else if (*p_ >= '1' && *p_ <= '9') {
            while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
        } else {
            throw Declined{};
        }
        if (p_ != end_ && *p_ == '.') {
            is_float = true;
            ++p_;
            if (p_ == end_ || *p_ < '0' || *p_ > '9') throw Declined{};
            while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
        }
        if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
            is_float = true;
            ++p_;
            if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
            if (p_ == end_ || *p_ < '0' || *p_ > '9') throw Declined{};
            while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
        }
        if (!is_float) {
            if (negative) {
                std::int64_t v = 0;
                auto r = std::from_chars(start, p_, v);
                if (r.ec == std::errc() && r.ptr == p_) return Json(static_cast<Json::number_integer_t>(v));
            } else {
                std::uint64_t v = 0;
                auto r = std::from_chars(start, p_, v);
                if (r.ec == std::errc() && r.ptr == p_) return Json(static_cast<Json::number_unsigned_t>(v));
            }
        }
        double d = 0;
        auto r = std::from_chars(start, p_, d);
        // Out of double's range strtod gives ±HUGE_VAL or a denormal: left to nlohmann.
        if (r.ec != std::errc() || r.ptr != p_) throw Declined{};
        return Json(d);
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw Declined{};
    }
    unsigned read_u4() {
        if (end_ - p_ < 4) throw Declined{};
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) v = v * 16 + static_cast<unsigned>(hex(p_[i]));
        p_ += 4;
        return v;
    }
    static void append_utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
        }
    }
    // One UTF-8 sequence starting at p_ (a byte >= 0x80), checked against RFC 3629's
    // table as lexer::scan_string does; copied as is.
    void utf8_sequence(std::string& out) {
        auto b = [&](int i) -> unsigned char {
            if (end_ - p_ <= i) throw Declined{};
            return static_cast<unsigned char>(p_[i]);
        };
        auto in = [](unsigned char c, unsigned lo, unsigned hi) { return c >= lo && c <= hi; };
        unsigned char c0 = b(0);
        int len = 0;
        if (in(c0, 0xC2, 0xDF)) {
            len = in(b(1), 0x80, 0xBF) ? 2 : 0;
        } else if (c0 == 0xE0) {
            len = in(b(1), 0xA0, 0xBF) && in(b(2), 0x80, 0xBF) ? 3 : 0;
        } else if (in(c0, 0xE1, 0xEC) || in(c0, 0xEE, 0xEF)) {
            len = in(b(1), 0x80, 0xBF) && in(b(2), 0x80, 0xBF) ? 3 : 0;
        } else if (c0 == 0xED) {
            len = in(b(1), 0x80, 0x9F) && in(b(2), 0x80, 0xBF) ? 3 : 0;
        } else if (c0 == 0xF0) {
            len = in(b(1), 0x90, 0xBF) && in(b(2), 0x80, 0xBF) && in(b(3), 0x80, 0xBF) ? 4 : 0;
        } else if (in(c0, 0xF1, 0xF3)) {
            len = in(b(1), 0x80, 0xBF) && in(b(2), 0x80, 0xBF) && in(b(3), 0x80, 0xBF) ? 4 : 0;
        } else if (c0 == 0xF4) {
            len = in(b(1), 0x80, 0x8F) && in(b(2), 0x80, 0xBF) && in(b(3), 0x80, 0xBF) ? 4 : 0;
        }
        if (!len) throw Declined{};
        out.append(p_, static_cast<size_t>(len));
        p_ += len;
    }

    void string_into(std::string& out) {
        ++p_;  // opening quote
        for (;;) {
            // The plain run up to the next quote, escape, control or non-ASCII byte.
            const char* run = p_;
            while (p_ != end_) {
                unsigned char c = static_cast<unsigned char>(*p_);
                if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
                ++p_;
            }
            out.append(run, static_cast<size_t>(p_ - run));
            if (p_ == end_) throw Declined{};
            unsigned char c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                ++p_;
                return;
            }
            if (c < 0x20) throw Declined{};  // a raw control character: invalid JSON
            if (c >= 0x80) {
                utf8_sequence(out);
                continue;
            }
            // An escape.
            ++p_;
            if (p_ == end_) throw Declined{};
            char e = *p_++;
            switch (e) {
                case '"': out.push_back('"'); break;
                case '\\': out.push_back('\\'); break;
                case '/': out.push_back('/'); break;
                case 'b': out.push_back('\b'); break;
                case 'f': out.push_back('\f'); break;
                case 'n': out.push_back('\n'); break;
                case 'r': out.push_back('\r'); break;
                case 't': out.push_back('\t'); break;
                case 'u': {
                    unsigned cp = read_u4();
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        // A high surrogate must be followed by \u and a low one.
                        if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') throw Declined{};
                        p_ += 2;
                        unsigned lo = read_u4();
                        if (lo < 0xDC00 || lo > 0xDFFF) throw Declined{};
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        throw Declined{};
                    }
                    append_utf8(out, cp);
                    break;
                }
                default: throw Declined{};
            }
        }
    }

    const char* begin_;
    const char* p_;
    const char* end_;
    std::vector<std::vector<std::pair<std::string, Json>>> scratch_;
    std::string key_, scratch_str_;  // reused: a key, a string read only to be checked
};

}  // namespace

std::optional<Json> read_json_fast(std::string_view text) {
    try {
        Reader r(text);
        return r.document();
    } catch (const Declined&) {
        return std::nullopt;
    }
}

bool read_event_batch(const std::shared_ptr<const std::string>& body, EventBatch& out) {
    out.session.clear();
    out.events.clear();
    try {
        Reader r(*body);
        r.batch(body, out);
        return true;
    } catch (const Declined&) {
        out.events.clear();
        return false;
    }
}

std::optional<Event> read_event(const std::shared_ptr<const std::string>& text, bool canonical) {
    try {
        Reader r(*text);
        return r.single_event(text, canonical);
    } catch (const Declined&) {
    }
    Json j = read_json(*text);
    if (!j.is_object()) return std::nullopt;
    Event ev = Event::fields_of(j);
    ev.set_source(text, 0, text->size(), canonical);
    return ev;
}

Json read_json(std::string_view text) {
    if (auto v = read_json_fast(text)) return std::move(*v);
    return Json::parse(text.begin(), text.end(), nullptr, false);
}

}  // namespace tl::client
