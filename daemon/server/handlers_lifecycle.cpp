// The lifecycle domain: initialize (with the TCP token check), initialized, shutdown,
// exit and $/cancelRequest. The gating rules (-32002 before initialize, -32600 after
// shutdown) are the dispatcher's; these handlers only move the client between states.
#include <spdlog/spdlog.h>

#include "daemon/server/handlers.h"

namespace tl::server {
namespace {

using protocol::Json;
namespace code = protocol::error_code;

// Compares in time independent of where the tokens differ (the length is not secret).
bool same_token(const std::string& given, const std::string& expected) {
  if (expected.empty() || given.size() != expected.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < given.size(); ++i) {
    diff |= static_cast<unsigned char>(given[i] ^ expected[i]);
  }
  return diff == 0;
}

}  // namespace

void register_lifecycle_handlers(MethodTable& methods, ServerContext& context) {
  methods.bind("initialize", [&context](Client& client, const Json& params, Reply reply) {
    auto p = protocol::params_as<protocol::InitializeParams>(params);
    if (client.kind() == TransportKind::tcp &&
        (!p.token || !same_token(*p.token, context.token))) {
      spdlog::warn("client {}: TCP client without the right token; closing", client.id());
      reply.error(code::invalid_request, "unauthorized: initialize needs the daemon's token",
                  Json{{"reason", "unauthorized"}});
      client.close_after_flush();
      return;
    }
    spdlog::info("client {} ({}): initialize from {}", client.id(), to_string(client.kind()),
                 p.clientInfo ? p.clientInfo->name : std::string("an unnamed client"));
    client.set_lifecycle(Lifecycle::initialized);
    protocol::InitializeResult result;
    result.serverInfo = {"tasklensd", context.version};
    result.capabilities = context.capabilities;
    result.limits.maxBodyBytes = context.framing.max_body;
    reply.result(result);
  });

  methods.bind_notification("initialized", [](Client& client, const Json&) {
    spdlog::debug("client {}: initialized", client.id());
  });

  methods.bind("shutdown", [](Client& client, const Json&, Reply reply) {
    client.set_lifecycle(Lifecycle::shut_down);
    reply.result(nullptr);
  });

  methods.bind_notification("exit", [&context](Client& client, const Json&) {
    int exit_code = client.lifecycle() == Lifecycle::shut_down ? 0 : 1;
    spdlog::info("client {}: exit ({})", client.id(), exit_code);
    if (context.exit) context.exit(exit_code);
  });

  methods.bind_notification("$/cancelRequest", [](Client& client, const Json& params) {
    if (auto p = protocol::parse_cancel_params(params)) client.cancel(p->id);
  });
}

}  // namespace tl::server
