// What handlers share, and one registration function per domain. A later domain adds
// handlers_<domain>.cpp with its register_<domain>_handlers() and one call in
// server.cpp; handlers capture the ServerContext, which outlives every client.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "daemon/server/dispatcher.h"
#include "protocol/framing.h"
#include "protocol/messages.h"

namespace tl::uv {
class Loop;
}

namespace tl::server {

class EventStream;

struct ServerContext {
  uv::Loop* loop = nullptr;
  EventStream* events = nullptr;
  std::string version;
  // What TCP clients must present in initialize; empty means no TCP listener.
  std::string token;
  protocol::FramingLimits framing;
  // Advertised in initialize; each domain's registration sets its own flags.
  protocol::ServerCapabilities capabilities;
  // The `exit` notification's action: 0 after shutdown, 1 otherwise. The server stops
  // and the process exits with the code; tests record it instead.
  std::function<void(int exit_code)> exit;
  // Run once when the server starts stopping (signal, exit, stdio EOF): whoever owns
  // handles the server does not know of (session runtimes, timers) closes them here,
  // so the loop can end with every handle closed.
  std::vector<std::function<void()>> stop_hooks;
};

// initialize, initialized, shutdown, exit, $/cancelRequest.
void register_lifecycle_handlers(MethodTable& methods, ServerContext& context);
// test/*: only with --enable-test-methods (protocol/PROTOCOL.md, "Test-only methods").
void register_test_handlers(MethodTable& methods, ServerContext& context);
// session/*, tasks/list, task/*, breakpoints/set (protocol/PROTOCOL.md, "Sessions").
void register_session_handlers(MethodTable& methods, ServerContext& context);

}  // namespace tl::server
