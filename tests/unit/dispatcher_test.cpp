// Tests for server/dispatcher and the lifecycle handlers, through a fake transport:
// lifecycle gating (fault 12), unknown methods (11), ids (9), cancellation (13),
// throwing handlers (19), and the exactly-once reply.
#include <doctest/doctest.h>

#include <deque>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "daemon/server/dispatcher.h"
#include "daemon/server/handlers.h"
#include "protocol/jsonrpc.h"

using tl::protocol::Json;
using namespace tl::server;

namespace {

// The handlers log their expected failures; keep the test output to the test results.
const bool quiet_logs = [] {
  spdlog::set_level(spdlog::level::critical);
  return true;
}();

class FakeTransport : public Transport {
 public:
  explicit FakeTransport(TransportKind kind) : kind_(kind) {}
  std::uint64_t id() const override { return 7; }
  TransportKind kind() const override { return kind_; }
  bool send(std::string body, Traffic traffic) override {
    sent.push_back(Json::parse(body));
    traffic_log.push_back(traffic);
    return true;
  }
  bool accepts_events() const override { return true; }
  void close_after_flush() override { closed = true; }

  TransportKind kind_;
  std::vector<Json> sent;
  std::vector<Traffic> traffic_log;
  bool closed = false;
};

// One client over a fake transport, with the lifecycle handlers and a few test ones.
struct Harness {
  MethodTable methods;
  ServerContext context;
  std::vector<int> exits;
  std::deque<Reply> parked;
  std::shared_ptr<FakeTransport> transport;
  std::shared_ptr<Client> client;
  int cancel_hooks_run = 0;

  explicit Harness(TransportKind kind = TransportKind::unix_socket) {
    context.version = "test";
    context.token = "s3cret";
    context.exit = [this](int code) { exits.push_back(code); };
    register_lifecycle_handlers(methods, context);
    methods.bind("park", [this](Client&, const Json&, Reply reply) {
      reply.on_cancel([this] { ++cancel_hooks_run; });
      parked.push_back(std::move(reply));
    });
    methods.bind("echo", [](Client&, const Json& params, Reply reply) { reply.result(params); });
    methods.bind("number", [](Client&, const Json& params, Reply reply) {
      reply.result(tl::protocol::get_int(params, "n"));
    });
    methods.bind("throw", [](Client&, const Json&, Reply) -> void {
      throw std::runtime_error("kaboom");
    });
    methods.bind("throw_after_reply", [](Client&, const Json&, Reply reply) {
      reply.result(1);
      throw std::runtime_error("late");
    });
    methods.bind("drop", [](Client&, const Json&, Reply) {});
    methods.bind("twice", [](Client&, const Json&, Reply reply) {
      reply.result(1);
      reply.result(2);
      reply.error(-1, "x");
    });
    methods.bind_notification("note_throws", [](Client&, const Json&) {
      throw std::runtime_error("in a notification");
    });
    transport = std::make_shared<FakeTransport>(kind);
    client = std::make_shared<Client>(transport, methods);
  }

  void send(const char* body) { client->on_message(body); }
  void send(const Json& message) { client->on_message(message.dump()); }
  void request(Json id, const std::string& method, Json params = nullptr) {
    Json m = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
    if (!params.is_null()) m["params"] = params;
    send(m);
  }
  void notify(const std::string& method, Json params = nullptr) {
    Json m = {{"jsonrpc", "2.0"}, {"method", method}};
    if (!params.is_null()) m["params"] = params;
    send(m);
  }
  void initialize(Json params = Json::object()) {
    request(0, "initialize", params);
    REQUIRE(last().contains("result"));
  }
  const Json& last() const {
    REQUIRE_FALSE(transport->sent.empty());
    return transport->sent.back();
  }
  std::size_t count() const { return transport->sent.size(); }
  int last_code() const { return last()["error"]["code"].get<int>(); }
};

}  // namespace

TEST_SUITE("dispatcher") {
  TEST_CASE("initialize returns server info, protocol version and capabilities") {
    Harness h;
    h.request(1, "initialize", {{"processId", 12}, {"clientInfo", {{"name", "t"}}}});
    const Json& r = h.last();
    CHECK(r["id"] == 1);
    CHECK(r["result"]["serverInfo"]["name"] == "tasklensd");
    CHECK(r["result"]["serverInfo"]["version"] == "test");
    CHECK(r["result"]["protocolVersion"].is_string());
    CHECK(r["result"]["capabilities"]["supportsCancelRequest"] == true);
    CHECK(r["result"]["capabilities"]["supportsTestMethods"] == false);
    CHECK(h.client->lifecycle() == Lifecycle::initialized);
  }

  TEST_CASE("fault 12: before initialize, second initialize, after shutdown") {
    Harness h;
    h.request(1, "echo");
    CHECK(h.last_code() == -32002);
    CHECK(h.last()["id"] == 1);
    h.request("x", "shutdown");
    CHECK(h.last_code() == -32002);
    h.notify("initialized");  // dropped before initialize
    std::size_t before = h.count();
    h.notify("$/cancelRequest", {{"id", 1}});
    CHECK(h.count() == before);

    h.initialize();
    h.request(2, "initialize");
    CHECK(h.last_code() == -32600);
    CHECK(h.last()["id"] == 2);
    CHECK(h.client->lifecycle() == Lifecycle::initialized);

    h.request(3, "shutdown");
    CHECK(h.last()["id"] == 3);
    CHECK(h.last()["result"].is_null());
    h.request(4, "echo");
    CHECK(h.last_code() == -32600);
    h.request(5, "shutdown");
    CHECK(h.last_code() == -32600);
    h.request(6, "initialize");
    CHECK(h.last_code() == -32600);
    CHECK(h.exits.empty());
    h.notify("exit");
    CHECK(h.exits == std::vector<int>{0});
  }

  TEST_CASE("exit without shutdown exits 1, also before initialize") {
    Harness h;
    h.notify("exit");
    CHECK(h.exits == std::vector<int>{1});
    Harness g;
    g.initialize();
    g.notify("exit");
    CHECK(g.exits == std::vector<int>{1});
  }

  TEST_CASE("fault 11: unknown methods") {
    Harness h;
    h.initialize();
    h.request(1, "no/such");
    CHECK(h.last_code() == -32601);
    CHECK(h.last()["id"] == 1);
    h.request(2, "$/unknown");
    CHECK(h.last_code() == -32601);
    // A notification-only method called as a request.
    h.request(3, "initialized");
    CHECK(h.last_code() == -32601);
    std::size_t before = h.count();
    h.notify("no/such");
    h.notify("$/setTrace", {{"value", "off"}});
    h.notify("$/progress");
    h.notify("shutdown");  // a request-only method sent as a notification
    CHECK(h.count() == before);
    CHECK(h.client->lifecycle() == Lifecycle::initialized);
  }

  TEST_CASE("fault 9: ids echo exactly; duplicate in-flight id is refused") {
    Harness h;
    h.initialize();
    h.request(1, "echo", Json::array({1}));
    CHECK(h.last()["id"] == 1);
    CHECK(h.last()["id"].is_number_integer());
    h.request("1", "echo", Json::array({1}));
    CHECK(h.last()["id"] == "1");

    h.request(10, "park");
    std::size_t before = h.count();
    h.request(10, "park");
    CHECK(h.count() == before + 1);
    CHECK(h.last_code() == -32600);
    CHECK(h.last()["id"] == 10);
    // The same number as a string is a different id.
    h.request("10", "park");
    CHECK(h.count() == before + 1);
    CHECK(h.client->pending_requests() == 2);
    h.parked.front().result("first");
    CHECK(h.last()["id"] == 10);
    CHECK(h.last()["result"] == "first");
    // Once answered, the id may be used again.
    h.request(10, "echo", Json::array());
    CHECK(h.last()["result"] == Json::array());

    h.send(R"({"jsonrpc":"2.0","id":1.5,"method":"echo"})");
    CHECK(h.last_code() == -32600);
    CHECK(h.last()["id"].is_null());
    h.send(R"({"jsonrpc":"2.0","id":true,"method":"echo"})");
    CHECK(h.last()["id"].is_null());
    h.send(R"({"jsonrpc":"2.0","id":{"a":1},"method":"echo"})");
    CHECK(h.last_code() == -32600);
  }

  TEST_CASE("fault 13: cancel of pending, finished and unknown ids") {
    Harness h;
    h.initialize();
    h.request(5, "park");
    std::size_t before = h.count();
    h.notify("$/cancelRequest", {{"id", 5}});
    CHECK(h.count() == before + 1);
    CHECK(h.last_code() == -32800);
    CHECK(h.last()["id"] == 5);
    CHECK(h.cancel_hooks_run == 1);
    CHECK(h.parked.front().cancelled());
    // The handler's late answer is swallowed: still one answer.
    h.parked.front().result("late");
    CHECK(h.count() == before + 1);
    // Cancelling again (now finished), an unknown id, a bad id: ignored.
    h.notify("$/cancelRequest", {{"id", 5}});
    h.notify("$/cancelRequest", {{"id", 999}});
    h.notify("$/cancelRequest", {{"id", "5"}});
    h.notify("$/cancelRequest", {{"id", 1.5}});
    h.notify("$/cancelRequest", Json::array());
    h.notify("$/cancelRequest");
    CHECK(h.count() == before + 1);
    h.request(6, "echo", Json::object());
    h.notify("$/cancelRequest", {{"id", 6}});
    CHECK(h.count() == before + 2);
    CHECK(h.last().contains("result"));
    // String ids cancel too.
    h.request("s", "park");
    h.notify("$/cancelRequest", {{"id", "s"}});
    CHECK(h.last_code() == -32800);
    CHECK(h.last()["id"] == "s");
  }

  TEST_CASE("fault 19: a throwing handler gets -32603 and the client goes on") {
    Harness h;
    h.initialize();
    h.request(1, "throw");
    CHECK(h.last_code() == -32603);
    CHECK(h.last()["id"] == 1);
    CHECK(h.last()["error"]["message"].get<std::string>().find("kaboom") != std::string::npos);
    h.request(2, "throw_after_reply");
    CHECK(h.last()["result"] == 1);
    std::size_t before = h.count();
    h.notify("note_throws");
    CHECK(h.count() == before);
    h.request(3, "echo", Json::array({3}));
    CHECK(h.last()["result"] == Json::array({3}));
    CHECK(h.client->pending_requests() == 0);
  }

  TEST_CASE("fault 10: checked accessors turn 1e400 into -32602") {
    Harness h;
    h.initialize();
    h.send(R"({"jsonrpc":"2.0","id":1,"method":"number","params":{"n":1e400}})");
    CHECK(h.last_code() == -32602);
    CHECK(h.last()["id"] == 1);
    h.send(R"({"jsonrpc":"2.0","id":2,"method":"number","params":{"n":9223372036854775808}})");
    CHECK(h.last_code() == -32602);
    h.send(R"({"jsonrpc":"2.0","id":3,"method":"number","params":{"n":-9223372036854775808}})");
    CHECK(h.last()["result"] == INT64_MIN);
    Harness g;
    g.send(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":1e400}})");
    CHECK(g.last_code() == -32602);
    CHECK(g.client->lifecycle() == Lifecycle::uninitialized);
  }

  TEST_CASE("a reply is answered exactly once") {
    Harness h;
    h.initialize();
    h.request(1, "drop");
    CHECK(h.last_code() == -32603);
    CHECK(h.last()["id"] == 1);
    std::size_t before = h.count();
    h.request(2, "twice");
    CHECK(h.count() == before + 1);
    CHECK(h.last()["result"] == 1);

    h.request(3, "park");
    before = h.count();
    h.parked.clear();  // an async handler that forgets its reply
    CHECK(h.count() == before + 1);
    CHECK(h.last_code() == -32603);
    CHECK(h.last()["id"] == 3);

    h.request(4, "park");
    Reply moved = std::move(h.parked.front());
    h.parked.pop_front();
    moved.error(-32000, "custom", Json{{"why", 1}});
    CHECK(h.last()["error"]["code"] == -32000);
    CHECK(h.last()["error"]["data"]["why"] == 1);
    CHECK(h.transport->traffic_log.back() == Traffic::reply);
  }

  TEST_CASE("fault 8: envelope errors are answered and change nothing") {
    Harness h;
    h.send("[1,2]");
    CHECK(h.last_code() == -32600);
    h.send(R"({"id":1,"method":"initialize"})");
    CHECK(h.last_code() == -32600);
    CHECK(h.last()["id"] == 1);
    h.send("{");
    CHECK(h.last_code() == -32700);
    CHECK(h.last()["id"].is_null());
    CHECK(h.client->lifecycle() == Lifecycle::uninitialized);
    h.initialize();
  }

  TEST_CASE("responses from the client are ignored") {
    Harness h;
    h.initialize();
    std::size_t before = h.count();
    h.send(R"({"jsonrpc":"2.0","id":1,"result":{}})");
    CHECK(h.count() == before);
  }

  TEST_CASE("TCP clients need the token") {
    Harness h(TransportKind::tcp);
    h.request(1, "initialize", Json::object());
    CHECK(h.last_code() == -32600);
    CHECK(h.last()["error"]["data"]["reason"] == "unauthorized");
    CHECK(h.transport->closed);
    CHECK(h.client->lifecycle() == Lifecycle::uninitialized);

    Harness wrong(TransportKind::tcp);
    wrong.request(1, "initialize", {{"token", "s3creT"}});
    CHECK(wrong.last_code() == -32600);
    CHECK(wrong.transport->closed);

    Harness right(TransportKind::tcp);
    right.request(1, "initialize", {{"token", "s3cret"}});
    CHECK(right.last().contains("result"));
    CHECK_FALSE(right.transport->closed);

    // Unix-socket clients are trusted by the socket's mode instead.
    Harness local(TransportKind::unix_socket);
    local.request(1, "initialize", Json::object());
    CHECK(local.last().contains("result"));
  }

  TEST_CASE("disconnect cancels pending work and runs hooks once") {
    Harness h;
    h.initialize();
    int hooks = 0;
    h.client->on_disconnect_do([&hooks] { ++hooks; });
    h.request(1, "park");
    std::size_t before = h.count();
    h.client->on_disconnect();
    h.client->on_disconnect();
    CHECK(hooks == 1);
    CHECK(h.cancel_hooks_run == 1);
    CHECK(h.client->pending_requests() == 0);
    h.parked.clear();
    h.request(2, "echo");
    CHECK(h.count() == before);  // nothing goes to a closed connection
  }

  TEST_CASE("notify sends a notice") {
    Harness h;
    h.client->notify("log/line", {{"text", "hi"}});
    CHECK(h.last()["method"] == "log/line");
    CHECK_FALSE(h.last().contains("id"));
    CHECK(h.transport->traffic_log.back() == Traffic::notice);
  }
}
