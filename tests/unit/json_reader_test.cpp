// The client's fast JSON reader (client/json_reader) against nlohmann's parser, the
// behaviour it must reproduce: same values, same number types, same key order, and the
// same verdict on bad JSON; plus canonical_order's moving overload against the copying one,
// and read_event_batch (events read straight into client/model/event.h's Event) against
// the Event built from nlohmann's value of the same body.
// The client is not in the daemon library, so its sources are compiled into this file
// (only here: the test binary is one program).
#include "client/json_reader.cpp"
#include "client/model/event.cpp"
#include "client/model/task_model.cpp"
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

// The typed fields of two Events agree.
bool same_fields(const tl::client::Event& a, const tl::client::Event& b) {
    return a.kind == b.kind && a.other_kind == b.other_kind && a.seq == b.seq && a.has_t == b.has_t &&
           (a.t == b.t || (a.t != a.t && b.t != b.t)) && a.task == b.task && a.scope == b.scope && a.by == b.by &&
           a.parent == b.parent && a.coro == b.coro && a.state == b.state && a.exc == b.exc && a.file == b.file &&
           a.status == b.status && a.cause == b.cause && a.cancelling == b.cancelling &&
           a.has_cancelling == b.has_cancelling && a.must_cancel == b.must_cancel && a.line == b.line &&
           a.has_line == b.has_line;
}

// read_event_batch on `text`: when it takes the body, nlohmann must take it too, as a
// session/event notification whose events give the same fields and the same json().
// Returns whether the fast path took it.
bool check_batch_like_nlohmann(const std::string& text) {
    auto body = std::make_shared<const std::string>(text);
    tl::client::EventBatch batch;
    bool took = tl::client::read_event_batch(body, batch);
    INFO("text: " << text);
    Json expected = Json::parse(text, nullptr, false);
    if (!took) return false;
    REQUIRE_FALSE(expected.is_discarded());
    REQUIRE(expected.is_object());
    CHECK(expected["method"] == "session/event");
    CHECK(expected["params"]["session"] == batch.session);
    const Json& events = expected["params"]["events"];
    REQUIRE(events.is_array());
    REQUIRE(events.size() == batch.events.size());
    for (size_t i = 0; i < events.size(); ++i) {
        INFO("event " << i);
        tl::client::Event want = tl::client::Event::fields_of(events[i]);
        CHECK(same_fields(batch.events[i], want));
        CHECK(same(batch.events[i].json(), tl::client::canonical_order(events[i])));
        // A copy keeps its views valid after the batch and its body are gone.
        tl::client::Event copy = batch.events[i];
        CHECK(same_fields(copy, want));
    }
    return true;
}

// A copy of `base` with one to three random edits (replace, insert or erase a byte drawn
// from JSON's structural characters, digits, escapes and invalid UTF-8).
std::string corrupted(const std::string& base, std::mt19937& rng) {
    const char alphabet[] = "{}[]\",:\\u0123456789eE+-.tfnrl aA\x01\x80\xc3\xff";
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
    return t;
}

}  // namespace

TEST_SUITE("json_reader") {
    TEST_CASE("read_event_batch: events straight from a batch, as nlohmann's value gives them") {
        CHECK(check_batch_like_nlohmann(kBatch));
        // Escapes and non-ASCII in the typed fields (decoded copies the event owns), keys in
        // another order, extra params and fields, a repeated key (its last value, as
        // nlohmann), non-string values where strings are expected, an unknown kind.
        CHECK(check_batch_like_nlohmann(
            "{\"method\": \"session/event\", \"jsonrpc\": \"2.0\", \"params\": {\"events\": ["
            "{\"t\": 0.5, \"seq\": 7, \"event\": \"done\", \"task\": \"T\\u00e9\\n\", \"state\": \"cancelled\","
            " \"exc\": \"Cancelled\xc3\xa9rror\", \"extra\": {\"a\": [1, 2, {\"b\": null}]}},"
            "{\"seq\": 8, \"t\": 1, \"event\": \"cancel\", \"task\": 5, \"by\": null, \"cancelling\": 2.5,"
            " \"must_cancel\": 1, \"line\": \"x\", \"task\": \"Task-9\"},"
            "{\"seq\": -3, \"event\": \"brand_new\", \"scope\": \"Timeout-1\"},"
            "{\"seq\": 18446744073709551615, \"t\": -0.0, \"event\": \"uncancel\", \"task\": \"\", \"must_cancel\": true}"
            "], \"session\": \"s\\u00e92\", \"sentAt\": 12.5}}"));
        CHECK(check_batch_like_nlohmann(
            "{\"jsonrpc\": \"2.0\", \"method\": \"session/event\", \"params\": {\"session\": \"s1\", \"events\": []}}"));
        // Anything but a session/event notification is left to read_json.
        for (const char* other :
             {"{\"jsonrpc\": \"2.0\", \"id\": 1, \"result\": {}}",
              "{\"jsonrpc\": \"2.0\", \"method\": \"session/exited\", \"params\": {\"session\": \"s1\"}}",
              "{\"jsonrpc\": \"2.0\", \"method\": \"session/event\", \"params\": {\"session\": \"s1\"}}",
              "{\"jsonrpc\": \"2.0\", \"method\": \"session/event\", \"params\": {\"session\": \"s1\", \"events\": [1]}}",
              "{\"jsonrpc\": \"2.0\", \"method\": \"session/event\", \"params\": {\"session\": \"s1\", \"events\": []}} x",
              "[]", ""})
            CHECK_FALSE(check_batch_like_nlohmann(other));
    }

    TEST_CASE("read_event_batch: random corruptions are declined or read as nlohmann reads them") {
        std::mt19937 rng(11);
        int taken = 0;
        for (int i = 0; i < 4000; ++i) {
            std::string t = corrupted(kBatch, rng);
            taken += check_batch_like_nlohmann(t);
        }
        CHECK(taken > 100);  // the corruptions that keep a valid batch still take the fast path
    }

    TEST_CASE("read_event: one line, and the fallback to nlohmann for what the fast path declines") {
        for (const char* line : {"{\"seq\": 1, \"t\": 0.0, \"event\": \"print\", \"text\": \"x\"}",
                                 " {\"event\": \"exit\", \"status\": \"finished\", \"status\": \"error\"} ",
                                 "{\"seq\": 2, \"task\": \"T\", \"task\": \"U\"}"}) {
            INFO("line: " << line);
            auto ev = tl::client::read_event(std::make_shared<const std::string>(line), false);
            REQUIRE(ev.has_value());
            Json j = Json::parse(line);
            CHECK(same_fields(*ev, tl::client::Event::fields_of(j)));
            CHECK(same(ev->json(), j));
        }
        for (const char* bad : {"[1]", "7", "{", ""})
            CHECK_FALSE(tl::client::read_event(std::make_shared<const std::string>(bad), false).has_value());
    }

    TEST_CASE("TaskModel folds Events as it folds their JSON") {
        std::vector<std::string> lines = {
            "{\"seq\": 1, \"t\": 0.0, \"event\": \"task_created\", \"task\": \"Task-1\", \"coro\": \"main\", \"parent\": null}",
            "{\"seq\": 2, \"t\": 0.0, \"event\": \"task_created\", \"task\": \"Task-2\", \"coro\": \"w\", \"parent\": \"Task-1\"}",
            "{\"seq\": 3, \"t\": 0.0, \"event\": \"timeout_enter\", \"scope\": \"Timeout-1\", \"task\": \"Task-1\", \"when\": 1.0}",
            "{\"seq\": 4, \"t\": 1.0, \"event\": \"timeout_expire\", \"scope\": \"Timeout-1\", \"task\": \"Task-1\"}",
            "{\"seq\": 4, \"t\": 1.0, \"event\": \"cancel\", \"task\": \"Task-1\", \"by\": null, \"msg\": null,"
            " \"result\": true, \"cancelling\": 1, \"must_cancel\": true, \"file\": \"a.py\", \"line\": 3}",
            "{\"seq\": 5, \"t\": 1.0, \"event\": \"throw\", \"task\": \"Task-1\", \"exc\": \"CancelledError\", \"msg\": null}",
            "{\"seq\": 6, \"t\": 1.0, \"event\": \"uncancel\", \"task\": \"Task-1\", \"by\": \"Timeout-1\", \"cancelling\": 0,"
            " \"must_cancel\": false, \"rescinded\": false}",
            "{\"seq\": 7, \"t\": 1.0, \"event\": \"timeout_exit\", \"scope\": \"Timeout-1\", \"task\": \"Task-1\","
            " \"expired\": true, \"raised\": \"TimeoutError\"}",
            "{\"seq\": 8, \"t\": 1.5, \"event\": \"done\", \"task\": \"Task-2\", \"state\": \"cancelled\", \"exc\": null}",
            "{\"seq\": 9, \"t\": 2.0, \"event\": \"exit\", \"status\": \"finished\", \"exc\": null}"};
        tl::client::TaskModel from_events, from_json;
        for (auto& l : lines) {
            from_events.apply(*tl::client::read_event(std::make_shared<const std::string>(l), false));
            from_json.apply(Json::parse(l));
        }
        auto a = from_events.tasks(), b = from_json.tasks();
        REQUIRE(a.size() == 2);
        REQUIRE(b.size() == 2);
        for (size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i]->name == b[i]->name);
            CHECK(a[i]->state == b[i]->state);
            CHECK(a[i]->cancelling == b[i]->cancelling);
            CHECK(a[i]->parent == b[i]->parent);
            CHECK(a[i]->file == b[i]->file);
            CHECK(a[i]->line == b[i]->line);
        }
        CHECK(a[0]->cancelling == 0);
        CHECK(a[0]->line == 3);
        CHECK(a[1]->state == "cancelled");
        CHECK(a[1]->parent == "Task-1");
        CHECK(from_events.scope("Timeout-1")->expired);
        CHECK_FALSE(from_events.scope("Timeout-1")->open);
        CHECK(from_events.over());
        CHECK(from_events.exit_status() == "finished");
        CHECK(from_events.now() == 2.0);
    }

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
        for (int i = 0; i < 4000; ++i) {
            std::string t = corrupted(kBatch, rng);
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
