// The test/* domain, bound only with --enable-test-methods: a slow request to cancel,
// a handler that throws, a large reply, and a synthetic event publisher. They let the
// wire tests drive faults 13, 14, 15 and 19 before sessions exist. Not for clients.
#include <spdlog/spdlog.h>

#include <map>
#include <memory>

#include "daemon/server/event_stream.h"
#include "daemon/server/handlers.h"
#include "daemon/uv/timer.h"

namespace tl::server {
namespace {

using protocol::Json;
namespace code = protocol::error_code;

constexpr std::int64_t kMaxBlobBytes = 64ll << 20;
constexpr std::int64_t kMaxSleepMs = 60'000;

// Publishes `count` synthetic events, `per_tick` per timer tick, then replies.
struct Emitter : std::enable_shared_from_this<Emitter> {
  ServerContext* context = nullptr;
  std::string session;
  std::int64_t next_seq = 0;
  std::int64_t remaining = 0;
  std::int64_t per_tick = 0;
  std::int64_t interval_ms = 0;
  std::string text;
  uv::Timer timer;
  std::shared_ptr<Reply> reply;
  std::int64_t first_seq = 0;

  void publish_some() {
    for (std::int64_t i = 0; i < per_tick && remaining > 0; ++i, --remaining) {
      context->events->publish(session, Json{{"seq", next_seq++},
                                             {"t", 0.0},
                                             {"event", "print"},
                                             {"text", text}});
    }
    if (remaining > 0) return;
    timer.close();
    reply->result(Json{{"session", session}, {"firstSeq", first_seq}, {"lastSeq", next_seq - 1}});
    reply.reset();
  }
};

}  // namespace

void register_test_handlers(MethodTable& methods, ServerContext& context) {
  context.capabilities.supportsTestMethods = true;
  // Per session, the next seq: test/emit calls on one session continue its numbering.
  auto next_seq = std::make_shared<std::map<std::string, std::int64_t>>();

  methods.bind("test/sleep", [&context](Client&, const Json& params, Reply reply) {
    std::int64_t ms = protocol::get_int(params, "ms");
    if (ms < 0 || ms > kMaxSleepMs) {
      throw protocol::RpcError(code::invalid_params, "params.ms: 0 to 60000");
    }
    auto timer = std::make_shared<uv::Timer>();
    if (timer->init(*context.loop) != 0) throw std::runtime_error("cannot create a timer");
    auto shared_reply = std::make_shared<Reply>(std::move(reply));
    shared_reply->on_cancel([timer] { timer->close(); });
    timer->start(static_cast<std::uint64_t>(ms), 0, [timer, shared_reply, ms] {
      shared_reply->result(Json{{"slept", ms}});
      timer->close();
    });
  });

  methods.bind("test/throw", [](Client&, const Json& params, Reply) {
    std::string message = protocol::get_optional_string(params, "message").value_or("boom");
    throw std::runtime_error("test/throw: " + message);
  });

  methods.bind("test/blob", [](Client&, const Json& params, Reply reply) {
    std::int64_t bytes = protocol::get_int(params, "bytes");
    if (bytes < 0 || bytes > kMaxBlobBytes) {
      throw protocol::RpcError(code::invalid_params, "params.bytes: 0 to 64 MiB");
    }
    reply.result(Json{{"blob", std::string(static_cast<std::size_t>(bytes), 'x')}});
  });

  methods.bind("test/subscribe", [&context](Client& client, const Json& params, Reply reply) {
    context.events->subscribe(protocol::get_string(params, "session"), client.transport());
    reply.result(Json::object());
  });

  methods.bind("test/endSession", [&context](Client&, const Json& params, Reply reply) {
    context.events->end_session(protocol::get_string(params, "session"));
    reply.result(Json::object());
  });

  methods.bind("test/emit", [&context, next_seq](Client&, const Json& params, Reply reply) {
    auto e = std::make_shared<Emitter>();
    e->context = &context;
    e->session = protocol::get_string(params, "session");
    e->remaining = protocol::get_int(params, "count");
    std::int64_t payload = protocol::get_optional_int(params, "payloadBytes").value_or(16);
    e->per_tick = protocol::get_optional_int(params, "perTick").value_or(e->remaining);
    e->interval_ms = protocol::get_optional_int(params, "intervalMs").value_or(1);
    if (e->remaining < 0 || e->remaining > 10'000'000 || payload < 0 || payload > (1 << 20) ||
        e->per_tick < 1 || e->interval_ms < 0 || e->interval_ms > 10'000) {
      throw protocol::RpcError(code::invalid_params, "test/emit: parameter out of range");
    }
    std::int64_t& seq = (*next_seq)[e->session];
    if (seq == 0) seq = 1;
    e->next_seq = seq;
    e->first_seq = seq;
    seq += e->remaining;
    e->text.assign(static_cast<std::size_t>(payload), 'e');
    e->reply = std::make_shared<Reply>(std::move(reply));
    if (e->timer.init(*context.loop) != 0) throw std::runtime_error("cannot create a timer");
    // The emitter lives in its timer's callback until the last event is out; a cancel
    // does not stop it (events belong to the session, not to the request).
    e->timer.start(0, static_cast<std::uint64_t>(e->interval_ms), [e] { e->publish_some(); });
    context.stop_hooks.push_back([weak = std::weak_ptr<Emitter>(e)] {
      if (auto emitter = weak.lock()) emitter->timer.close();
    });
  });
}

}  // namespace tl::server
