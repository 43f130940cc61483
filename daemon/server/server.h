// The daemon's server: listeners (Unix socket, TCP) and stdio, one StreamTransport and
// one Client per connection, the method table, the event fan-out, and the stop
// sequence (stop accepting, flush within a deadline, close every handle).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/server/dispatcher.h"
#include "daemon/server/event_stream.h"
#include "daemon/server/handlers.h"
#include "daemon/server/listen_address.h"
#include "daemon/server/socket_file.h"
#include "daemon/server/transport.h"
#include "daemon/uv/stream.h"
#include "daemon/uv/timer.h"

namespace tl::uv {
class Loop;
}

namespace tl::server {

struct ServerOptions {
  bool stdio = false;
  std::vector<ListenAddress> listen;
  // Required from TCP clients in initialize.
  std::string token;
  QueueLimits queue;
  protocol::FramingLimits framing;
  // A client that has not initialized after this long is closed (0: never). Clients
  // that connect and say nothing must not hold descriptors forever.
  std::uint64_t init_timeout_ms = 60'000;
  bool test_methods = false;
  std::string version = "0.1.0";
};

class Server {
 public:
  Server(uv::Loop& loop, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds every listener and opens stdio. On failure returns false with `error`; the
  // caller then stops the server (which closes what was opened).
  bool start(std::string& error);

  // Stops accepting, flushes every client within the flush deadline, closes every
  // handle, so the loop ends. Idempotent; the first exit code wins.
  void stop(int exit_code);
  bool stopping() const { return stopping_; }
  int exit_code() const { return exit_code_; }

  // Where the server listens, in canonical form (ports resolved).
  const std::vector<std::string>& bound_addresses() const { return bound_; }
  std::size_t client_count() const { return connections_.size(); }

  MethodTable& methods() { return methods_; }
  EventStream& events() { return events_; }
  ServerContext& context() { return context_; }

 private:
  struct Listener {
    ListenAddress address;
    std::unique_ptr<uv::Stream> handle;
    std::optional<SocketFileId> socket_file;
  };
  struct Connection {
    std::shared_ptr<StreamTransport> transport;
    std::shared_ptr<Client> client;
    std::uint64_t connected_at = 0;
  };

  bool listen_on(const ListenAddress& address, std::string& error);
  bool open_stdio(std::string& error);
  void accept_from(Listener& listener);
  void add_connection(TransportKind kind, std::unique_ptr<uv::Stream> input,
                      std::unique_ptr<uv::Stream> output);
  void on_connection_closed(std::uint64_t id);
  void housekeeping();
  void finish_stop();

  uv::Loop& loop_;
  ServerOptions options_;
  MethodTable methods_;
  EventStream events_;
  ServerContext context_;
  std::vector<std::unique_ptr<Listener>> listeners_;
  std::map<std::uint64_t, Connection> connections_;
  std::uint64_t next_id_ = 1;
  std::optional<std::uint64_t> stdio_id_;
  std::vector<std::string> bound_;
  uv::Timer housekeeping_timer_;
  uv::Timer flush_timer_;
  bool stopping_ = false;
  bool finished_ = false;
  int exit_code_ = 0;
};

}  // namespace tl::server
