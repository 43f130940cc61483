// The client's fast JSON reader (client/json_reader) against nlohmann's parser, the
// behaviour it must reproduce: same values, same number types, same key order, and the
// same verdict on bad JSON; plus canonical_order's moving overload against the copying one.
// The client is not in the daemon library, so its sources are compiled into this file.
#include "client/json_reader.cpp"
#include "client/render/jsonl.cpp"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

namespace {

using tl::client::Json;

// Equal as nlohmann built them: same kinds all the way down (unsigned vs signed vs
// double), same key order, same values (doubles bit for bit via their dump).
bool same(const Json& a, const Json& b) {
    if (a.type() != b.type()) return false;
    if (a.is_object()) {
        if (a.size() != b.size()) return false;
        auto ia = a.begin();
        auto ib = b.begin();
        for (; ia != a.end(); ++ia, ++ib)
            if (ia.key() != ib.key() || !same(ia.value(), ib.value())) return false;
        return true;
    }
    if (a.is_array()) {
        if (a.size() != b.size()) return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (!same(a[i], b[i])) return false;
        return true;
    }
    return a.dump() == b.dump();
}

void check_like_nlohmann(const std::string& text) {
    Json expected = Json::parse(text, nullptr, false);
    Json got = tl::client::read_json(text);
    INFO("text: " << text);
    CHECK(got.is_discarded() == expected.is_discarded());
    if (!expected.is_discarded()) CHECK(same(got, expected));
    // The fast path alone may decline, but it must never accept what nlohmann rejects
    // nor build something else.
    if (auto fast = tl::client::read_json_fast(text)) {
        CHECK_FALSE(expected.is_discarded());
        if (!expected.is_discarded()) CHECK(same(*fast, expected));
    }
}

const char* const kBatch =
    "{\"jsonrpc\": \"2.0\", \"method\": \"session/event\", \"params\": {\"session\": \"s1\", \"events\": ["
    "{\"seq\": 1, \"t\": 0.0, \"event\": \"task_created\", \"task\": \"Task-1\", \"coro\": \"main\", \"parent\": null},"
    "{\"seq\": 2, \"t\": 0.1, \"event\": \"print\", \"text\": \"caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\n\"},"
    "{\"seq\": 3, \"t\": 1e-05, \"event\": \"cancel\", \"task\": \"Task-2\", \"by\": \"Task-1\", \"msg\": null,"
    " \"result\": true, \"cancelling\": 1, \"must_cancel\": false, \"file\": \"x.py\", \"line\": 12},"
    "{\"seq\": 4, \"t\": 2.5, \"event\": \"exit\", \"status\": \"finished\", \"exc\": null}]}}";

}  // namespace

TEST_SUITE("json_reader") {
    TEST_CASE("a session/event batch is read by the fast path, as nlohmann reads it") {
        auto fast = tl::client::read_json_fast(kBatch);
        REQUIRE(fast.has_value());
        CHECK(same(*fast, Json::parse(kBatch)));
        CHECK((*fast)["params"]["events"][1]["text"] == "caf\xc3\xa9 \xf0\x9f\x98\x80 \"q\" \\ \n");
        CHECK((*fast)["params"]["events"][0]["seq"].is_number_unsigned());
    }

    TEST_CASE("numbers get nlohmann's types") {
        for (const char* t : {"0", "-0", "7", "-7", "18446744073709551615", "18446744073709551616",
                              "9223372036854775807", "-9223372036854775808", "-9223372036854775809", "0.0",
                              "-0.0", "1.5e3", "1E-2", "0.1", "1e308", "2.2250738585072014e-308", "1e400",
                              "-1e400", "4.9e-324", "1e-400", "123456789012345678901234567890"})
            check_like_nlohmann(t);
    }

    TEST_CASE("bad JSON is refused as nlohmann refuses it") {
        for (const char* t : {"", " ", "01", "1.", ".5", "+1", "-", "1e", "1e+", "tru", "nul", "[1,]", "{\"a\":1,}",
                              "{\"a\" 1}", "{1: 2}", "[1 2]", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"",
                              "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\x01\"", "{} x", "[", "]", "\"\xff\"",
                              "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"", "\"\xe2\x82\""})
            check_like_nlohmann(t);
    }

    TEST_CASE("strings, objects and nesting") {
        for (const char* t : {"\"\"", "\"\\u0000\"", "\"\\/\\b\\f\\r\\t\"", "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"",
                              "{}", "[]", " {\"b\": 1, \"a\": [true, false, null, {}]} ", "{\"a\": 1, \"a\": 2}",
                              "[[[[[[[[[[1]]]]]]]]]]", "{\"k\": {\"k\": {\"k\": {}}}, \"z\": 0}"})
            check_like_nlohmann(t);
        check_like_nlohmann(std::string(300, '[') + std::string(300, ']'));
        check_like_nlohmann(std::string(300, '[') + std::string(299, ']'));
    }

    TEST_CASE("random corruptions of a batch: same verdict and value as nlohmann") {
        std::mt19937 rng(5);
        const std::string base = kBatch;
        const char alphabet[] = "{}[]\",:\\u0123456789eE+-.tfnrl aA\x01\x80\xc3\xff";
        for (int i = 0; i < 4000; ++i) {
            std::string t = base;
            int edits = 1 + static_cast<int>(rng() % 3);
            for (int e = 0; e < edits; ++e) {
                size_t at = rng() % t.size();
                char c = alphabet[rng() % (sizeof alphabet - 1)];
                switch (rng() % 3) {
                    case 0: t[at] = c; break;
                    case 1: t.insert(t.begin() + static_cast<long>(at), c); break;
                    default: t.erase(at, 1);
                }
            }
            check_like_nlohmann(t);
        }
    }

    TEST_CASE("canonical_order: the moving overload gives the copying one's order") {
        std::vector<std::string> texts = {
            "{\"seq\": 1, \"t\": 0.0, \"event\": \"print\", \"text\": \"x\"}",
            "{\"t\": 0.0, \"seq\": 1, \"event\": \"print\", \"text\": \"x\"}",
            "{\"seq\": 3, \"t\": 0.0, \"event\": \"cancel\", \"task\": \"T\", \"by\": null, \"msg\": null, \"result\": true,"
            " \"cancelling\": 1, \"must_cancel\": false, \"cause\": \"c\", \"file\": \"f.py\", \"line\": 3, \"zzz\": 1}",
            "{\"seq\": 3, \"t\": 0.0, \"event\": \"cancel\", \"by\": null, \"task\": \"T\"}",
            // diagnostic lists file and line in its contract and again among the trailers
            "{\"seq\": 9, \"t\": 0.0, \"event\": \"diagnostic\", \"code\": \"C\", \"task\": \"T\", \"line\": 4,"
            " \"message\": \"m\", \"file\": \"f.py\"}",
            "{\"seq\": 9, \"t\": 0.0, \"event\": \"diagnostic\", \"code\": \"C\", \"task\": \"T\", \"line\": 4,"
            " \"file\": \"f.py\", \"message\": \"m\"}",
            "{\"seq\": 5, \"event\": \"no_such_kind\", \"b\": 1, \"a\": 2, \"t\": 1.0}",
            "{\"zzz\": 1}", "{}", "[1, 2]", "7"};
        for (auto& text : texts) {
            Json e = Json::parse(text);
            Json copied = tl::client::canonical_order(e);
            Json moved = tl::client::canonical_order(Json(e));
            INFO("event: " << text);
            CHECK(same(moved, copied));
            CHECK(tl::client::python_style_dump(moved) == tl::client::python_style_dump(copied));
        }
    }
}
