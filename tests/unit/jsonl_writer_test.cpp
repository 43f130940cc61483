// The JSONL writer's building blocks (daemon/trace/jsonl_writer, daemon/object/float_repr):
// repr(float) and JSON string escaping, against what CPython 3.13.0 prints (repr(x) and
// json.dumps(s, ensure_ascii=False)), the times cache, and buffer growth mid-event.
#include <doctest/doctest.h>

#include <string>

#include "daemon/object/float_repr.h"
#include "daemon/runtime/observer.h"
#include "daemon/trace/jsonl_writer.h"

using namespace tl;

namespace {

struct FloatCase {
    double value;
    const char* repr;  // repr(value) under CPython 3.13.0
};

const FloatCase kFloats[] = {
    {0.0, "0.0"},
    {-0.0, "-0.0"},
    {1.0, "1.0"},
    {-1.5, "-1.5"},
    {0.1, "0.1"},
    {0.30000000000000004, "0.30000000000000004"},
    {1e-05, "1e-05"},
    {0.0001, "0.0001"},
    {9.999999999999999e-05, "9.999999999999999e-05"},
    {1e+16, "1e+16"},
    {1000000000000000.0, "1000000000000000.0"},
    {123456789012345.6, "123456789012345.6"},
    {9007199254740992.0, "9007199254740992.0"},
    {5e-324, "5e-324"},
    {1.7976931348623157e+308, "1.7976931348623157e+308"},
    {-1.7976931348623157e+308, "-1.7976931348623157e+308"},
    {2.5e-300, "2.5e-300"},
    {1e+22, "1e+22"},
    {100.0, "100.0"},
    {0.001, "0.001"},
    {12.345, "12.345"},
    {1.5e-07, "1.5e-07"},
    {3e+17, "3e+17"},
};

struct StringCase {
    const char* text;
    const char* json;  // json.dumps(text, ensure_ascii=False) under CPython 3.13.0
};

// Lengths 0-17 around the 8-byte blocks and 4-7 byte tails the escaper copies at once,
// with the special byte at the block's edges.
const StringCase kStrings[] = {
    {"", "\"\""},
    {"a", "\"a\""},
    {"Task-1", "\"Task-1\""},
    {"Task-12", "\"Task-12\""},
    {"Task-123", "\"Task-123\""},
    {"Task-1234", "\"Task-1234\""},
    {"Task-12345", "\"Task-12345\""},
    {"Timeout-10", "\"Timeout-10\""},
    {"/work/main/bench/pingpong.py", "\"/work/main/bench/pingpong.py\""},
    {"say \"hi\"", "\"say \\\"hi\\\"\""},
    {"back\\slash", "\"back\\\\slash\""},
    {"tab\x09here", "\"tab\\there\""},
    {"nl\x0a", "\"nl\\n\""},
    {"\x01\x1f", "\"\\u0001\\u001f\""},
    {"bell\x07 and \x7f", "\"bell\\u0007 and \x7f\""},
    {"caf\xc3\xa9", "\"caf\xc3\xa9\""},
    {"\xe2\x98\x83 snow", "\"\xe2\x98\x83 snow\""},
    {"\xf0\x9f\x98\x80!", "\"\xf0\x9f\x98\x80!\""},
    {"12345678\"", "\"12345678\\\"\""},
    {"1234567\\", "\"1234567\\\\\""},
    {"xxxxxxxxxxxxxxxxx\x0ayyyyyyyyy", "\"xxxxxxxxxxxxxxxxx\\nyyyyyyyyy\""},
};

std::string print_line(double t, std::string_view text, uint64_t seq) {
    rt::Event e(rt::EventKind::Print);
    e.t = t;
    e.text = text;
    std::string out;
    trace::append_event_json(out, e, seq, true);
    return out;
}

}  // namespace

TEST_SUITE("jsonl_writer") {
    TEST_CASE("float_repr equals CPython's repr(float)") {
        for (const FloatCase& c : kFloats) {
            CAPTURE(c.repr);
            CHECK(float_repr(c.value) == c.repr);
            char buf[kFloatReprMax];
            CHECK(std::string(buf, float_repr_to(buf, c.value)) == c.repr);
        }
        CHECK(float_repr(1.0 / 0.0) == "inf");
        CHECK(float_repr(-1.0 / 0.0) == "-inf");
        CHECK(float_repr(0.0 / 0.0) == "nan");
    }

    TEST_CASE("string escaping equals json.dumps(ensure_ascii=False)") {
        for (const StringCase& c : kStrings) {
            CAPTURE(c.text);
            std::string s;
            trace::append_json_string(s, c.text);
            CHECK(s == c.json);
            trace::TraceBuffer b;
            b.append("x");
            trace::append_json_string(b, c.text);
            CHECK(b.view() == std::string("x") + c.json);
        }
    }

    TEST_CASE("invalid UTF-8 bytes become U+FFFD, one per byte") {
        std::string s;
        trace::append_json_string(s, std::string_view("a\xff" "b\xe2\x82", 5));
        CHECK(s == "\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD\"");
    }

    TEST_CASE("event times: the cached repr follows every change, -0.0 apart from 0.0") {
        CHECK(print_line(0.0, "a", 1) == "{\"seq\": 1, \"t\": 0.0, \"event\": \"print\", \"text\": \"a\"}");
        CHECK(print_line(-0.0, "a", 2) == "{\"seq\": 2, \"t\": -0.0, \"event\": \"print\", \"text\": \"a\"}");
        CHECK(print_line(0.1, "a", 3) == "{\"seq\": 3, \"t\": 0.1, \"event\": \"print\", \"text\": \"a\"}");
        CHECK(print_line(0.1, "a", 4) == "{\"seq\": 4, \"t\": 0.1, \"event\": \"print\", \"text\": \"a\"}");
        CHECK(print_line(1e-05, "a", 5) == "{\"seq\": 5, \"t\": 1e-05, \"event\": \"print\", \"text\": \"a\"}");
        CHECK(print_line(0.0, "a", 6) == "{\"seq\": 6, \"t\": 0.0, \"event\": \"print\", \"text\": \"a\"}");
    }

    TEST_CASE("a string larger than the buffer grows it mid-event") {
        std::string text, want;
        for (int i = 0; i < 50000; ++i) {
            text += "ab\"\n";
            want += "ab\\\"\\n";
        }
        trace::TraceBuffer b;
        rt::Event e(rt::EventKind::Print);
        e.text = text;
        for (uint64_t seq = 1; seq <= 3; ++seq) trace::append_event_json(b, e, seq, false);
        std::string one = "\"event\": \"print\", \"text\": \"" + want + "\"}";
        CHECK(b.size() == 3 * (std::string("{\"seq\": 1, \"t\": 0.0, ").size() + one.size()));
        CHECK(b.view().substr(b.size() - one.size()) == one);
    }
}
