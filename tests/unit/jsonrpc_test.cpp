// Tests for protocol/jsonrpc and protocol/messages: what each body becomes, the error
// replies of faults 6 to 10, and the checked accessors handlers rely on.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "protocol/jsonrpc.h"
#include "protocol/messages.h"

using namespace tl::protocol;

namespace {

Invalid as_invalid(std::string_view body) {
  Message m = parse_message(body);
  REQUIRE(std::holds_alternative<Invalid>(m));
  return std::get<Invalid>(m);
}

Request as_request(std::string_view body) {
  Message m = parse_message(body);
  REQUIRE(std::holds_alternative<Request>(m));
  return std::get<Request>(m);
}

int code_of(std::string_view body) { return as_invalid(body).error.code(); }

std::string nested(int depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

// The error a checked accessor throws, as "code: message".
template <typename F>
std::string error_from(F f) {
  try {
    f();
  } catch (const RpcError& e) {
    return std::to_string(e.code()) + ": " + e.what();
  }
  return "no error";
}

}  // namespace

TEST_SUITE("jsonrpc") {
  TEST_CASE("requests, notifications and responses") {
    Request r = as_request(R"({"jsonrpc":"2.0","id":7,"method":"initialize","params":{}})");
    CHECK(r.id == RequestId(7));
    CHECK(r.method == "initialize");
    CHECK(r.params.is_object());

    Request s = as_request(R"({"jsonrpc":"2.0","id":"7","method":"m","params":[1]})");
    CHECK(s.id == RequestId(std::string("7")));
    CHECK_FALSE(s.id == RequestId(7));
    CHECK(s.params.is_array());

    Request no_params = as_request(R"({"jsonrpc":"2.0","id":-3,"method":"m"})");
    CHECK(no_params.params.is_null());
    CHECK(no_params.id.to_json() == Json(-3));

    Message n = parse_message(R"({"jsonrpc":"2.0","method":"initialized","params":{}})");
    REQUIRE(std::holds_alternative<Notification>(n));
    CHECK(std::get<Notification>(n).method == "initialized");

    Message ok = parse_message(R"({"jsonrpc":"2.0","id":1,"result":{"x":1}})");
    REQUIRE(std::holds_alternative<Response>(ok));
    CHECK(std::get<Response>(ok).result["x"] == 1);
    Message err =
        parse_message(R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"m"}})");
    REQUIRE(std::holds_alternative<Response>(err));
    CHECK_FALSE(std::get<Response>(err).id.has_value());
    CHECK(std::get<Response>(err).error->code() == -32700);
  }

  TEST_CASE("id echo: largest int64 and strings survive exactly") {
    Request r = as_request(R"({"jsonrpc":"2.0","id":9223372036854775807,"method":"m"})");
    CHECK(dump(make_result(r.id, nullptr)) ==
          R"({"id":9223372036854775807,"jsonrpc":"2.0","result":null})");
    Request s = as_request(R"({"jsonrpc":"2.0","id":"\u00e9x","method":"m"})");
    CHECK(dump(make_result(s.id, 1)).find("\"id\":\"\xc3\xa9x\"") != std::string::npos);
  }

  TEST_CASE("fault 6: not JSON, or not UTF-8: -32700 with a null id") {
    for (std::string body : {std::string("{"), std::string("nope"), std::string(""),
                             std::string("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\"} x"),
                             std::string("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\xff\"}"),
                             std::string("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\xc3\"}"),
                             std::string("{\"a\":1,}")}) {
      CAPTURE(body);
      Invalid inv = as_invalid(body);
      CHECK(inv.error.code() == error_code::parse_error);
      CHECK(inv.id.is_null());
    }
  }

  TEST_CASE("fault 7: deep nesting is -32600 without recursion") {
    CHECK(code_of(nested(100000)) == error_code::invalid_request);
    std::string deep_params =
        R"({"jsonrpc":"2.0","id":1,"method":"m","params":)" + nested(100000) + "}";
    Invalid inv = as_invalid(deep_params);
    CHECK(inv.error.code() == error_code::invalid_request);
    CHECK(inv.id.is_null());
    std::string deep_objects;
    for (int i = 0; i < 100000; ++i) deep_objects += "{\"a\":";
    deep_objects += "1" + std::string(100000, '}');
    CHECK(code_of(deep_objects) == error_code::invalid_request);
    // Unterminated deep input is refused the same way, at depth 129.
    CHECK(code_of(std::string(1000000, '[')) == error_code::invalid_request);
  }

  TEST_CASE("depth 128 is allowed, 129 is not") {
    // The message object is level 1, so params may hold 127 more levels.
    std::string ok = R"({"jsonrpc":"2.0","id":1,"method":"m","params":)" + nested(127) + "}";
    CHECK(std::holds_alternative<Request>(parse_message(ok)));
    std::string bad = R"({"jsonrpc":"2.0","id":1,"method":"m","params":)" + nested(128) + "}";
    CHECK(code_of(bad) == error_code::invalid_request);
  }

  TEST_CASE("fault 8: batches, missing jsonrpc, bad method, scalar params") {
    CHECK(code_of(R"([{"jsonrpc":"2.0","id":1,"method":"m"}])") == error_code::invalid_request);
    CHECK(code_of("[]") == error_code::invalid_request);
    CHECK(code_of("42") == error_code::invalid_request);
    CHECK(code_of(R"("s")") == error_code::invalid_request);

    Invalid no_version = as_invalid(R"({"id":1,"method":"m"})");
    CHECK(no_version.error.code() == error_code::invalid_request);
    CHECK(no_version.id == Json(1));
    CHECK(code_of(R"({"jsonrpc":"1.0","id":1,"method":"m"})") == error_code::invalid_request);
    CHECK(code_of(R"({"jsonrpc":2.0,"id":1,"method":"m"})") == error_code::invalid_request);

    Invalid bad_method = as_invalid(R"({"jsonrpc":"2.0","id":"a","method":5})");
    CHECK(bad_method.error.code() == error_code::invalid_request);
    CHECK(bad_method.id == Json("a"));
    CHECK(code_of(R"({"jsonrpc":"2.0","id":1,"method":null})") == error_code::invalid_request);

    for (const char* p : {"1", "\"x\"", "true", "null"}) {
      CAPTURE(p);
      std::string body = std::string(R"({"jsonrpc":"2.0","id":2,"method":"m","params":)") + p +
                         "}";
      Invalid inv = as_invalid(body);
      CHECK(inv.error.code() == error_code::invalid_request);
      CHECK(inv.id == Json(2));
    }
    // A notification with scalar params is still answered, with a null id.
    Invalid note = as_invalid(R"({"jsonrpc":"2.0","method":"m","params":3})");
    CHECK(note.id.is_null());
    CHECK(code_of(R"({"jsonrpc":"2.0"})") == error_code::invalid_request);
  }

  TEST_CASE("fault 9: ids that are floats, bools, objects, arrays, null, past int64") {
    for (const char* id : {"1.5", "1.0", "1e3", "true", "false", "{}", "[1]", "null",
                           "9223372036854775808", "-9223372036854775809"}) {
      CAPTURE(id);
      std::string body = std::string(R"({"jsonrpc":"2.0","method":"m","id":)") + id + "}";
      Invalid inv = as_invalid(body);
      CHECK(inv.error.code() == error_code::invalid_request);
      CHECK(inv.id.is_null());
    }
  }

  TEST_CASE("fault 10: numbers past int64 and 1e400 parse, then fail as -32602") {
    Request r = as_request(
        R"({"jsonrpc":"2.0","id":1,"method":"m","params":{"a":1e400,"b":-1e400,)"
        R"("c":9223372036854775808,"d":18446744073709551616,"e":1.5,"f":"1e400",)"
        R"("g":-9223372036854775808,"h":2.0,"i":1e-400}})");
    CHECK(std::isinf(r.params["a"].get<double>()));
    CHECK(r.params["b"].get<double>() < 0);
    CHECK(error_from([&] { get_int(r.params, "a"); }) ==
          "-32602: params.a: integer out of range");
    CHECK(error_from([&] { get_int(r.params, "b"); }) ==
          "-32602: params.b: integer out of range");
    CHECK(error_from([&] { get_number(r.params, "a"); }) ==
          "-32602: params.a: number out of range");
    CHECK(error_from([&] { get_int(r.params, "c"); }) ==
          "-32602: params.c: integer out of range");
    CHECK(error_from([&] { get_int(r.params, "d"); }) ==
          "-32602: params.d: integer out of range");
    CHECK(error_from([&] { get_int(r.params, "e"); }) ==
          "-32602: params.e: expected an integer");
    CHECK(error_from([&] { get_int(r.params, "f"); }) ==
          "-32602: params.f: expected an integer, got a string");
    CHECK(error_from([&] { get_int(r.params, "missing"); }) == "-32602: params.missing: required");
    CHECK(get_int(r.params, "g") == INT64_MIN);
    // A negative integer token past int64 rounds to exactly -2^63 as a double: it must
    // not come back as INT64_MIN.
    Request below = as_request(
        R"({"jsonrpc":"2.0","id":1,"method":"m","params":{"n":-9223372036854775809,)"
        R"("big":9007199254740994.0,"ok":9007199254740992.0}})");
    CHECK(error_from([&] { get_int(below.params, "n"); }) ==
          "-32602: params.n: integer out of range");
    CHECK(error_from([&] { get_int(below.params, "big"); }) ==
          "-32602: params.big: integer out of range");
    CHECK(get_int(below.params, "ok") == 9007199254740992);
    CHECK(get_int(r.params, "h") == 2);
    CHECK(get_number(r.params, "i") == 0.0);
    CHECK(r.params["f"] == "1e400");  // strings are never rewritten

    // An id of 1e400 is a float id, not a crash.
    CHECK(code_of(R"({"jsonrpc":"2.0","id":1e400,"method":"m"})") ==
          error_code::invalid_request);
    // The rewrite does not make invalid numbers acceptable.
    CHECK(code_of(R"({"jsonrpc":"2.0","id":1,"method":"m","params":[1e400,1.e400]})") ==
          error_code::parse_error);
    CHECK(code_of(R"({"jsonrpc":"2.0","id":1,"method":"m","params":[1e400,01]})") ==
          error_code::parse_error);
  }

  TEST_CASE("checked accessors on odd params") {
    CHECK(error_from([] { get_int(Json::array({1}), "x"); }) ==
          "-32602: params must be an object");
    CHECK_FALSE(get_optional_int(nullptr, "x").has_value());
    CHECK(get_bool(Json{{"b", true}}, "b", false));
    CHECK(error_from([] { get_string(Json{{"s", 1}}, "s"); }) ==
          "-32602: params.s: expected a string, got an integer");
  }

  TEST_CASE("initialize params decode with checked numbers") {
    auto p = params_as<InitializeParams>(
        Json{{"processId", 42}, {"clientInfo", {{"name", "c"}}}, {"token", "t"}});
    CHECK(p.processId == 42);
    CHECK(p.clientInfo->name == "c");
    CHECK(p.token == "t");
    CHECK_FALSE(params_as<InitializeParams>(nullptr).processId.has_value());
    Request r = as_request(
        R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":1e400}})");
    CHECK(error_from([&] { params_as<InitializeParams>(r.params); }) ==
          "-32602: params.processId: integer out of range");
    CHECK(error_from([] { params_as<InitializeParams>(Json{{"clientInfo", 3}}); }) ==
          "-32602: params.clientInfo: expected an object");
    InitializeResult result;
    result.serverInfo = {"tasklensd", "0.1.0"};
    Json j = result;
    CHECK(j["capabilities"]["supportsCancelRequest"] == true);
    CHECK(j["protocolVersion"] == kProtocolVersion);
  }

  TEST_CASE("cancel params") {
    CHECK(parse_cancel_params(Json{{"id", 3}})->id == RequestId(3));
    CHECK(parse_cancel_params(Json{{"id", "3"}})->id == RequestId(std::string("3")));
    CHECK_FALSE(parse_cancel_params(Json{{"id", 1.5}}).has_value());
    CHECK_FALSE(parse_cancel_params(Json::array()).has_value());
  }

  TEST_CASE("dump replaces invalid UTF-8 instead of throwing") {
    Json n = make_notification("log", Json{{"text", std::string("a\xff\xfe")}});
    std::string out;
    CHECK_NOTHROW(out = dump(n));
    CHECK(out.find("a\xef\xbf\xbd") != std::string::npos);
    RpcError e(error_code::internal_error, std::string("bad \xc3"));
    CHECK_NOTHROW(dump(make_error(nullptr, e)));
  }
}
