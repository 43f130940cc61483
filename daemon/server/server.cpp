// Server wiring: accept connections, give each a transport and a Client, tick the
// transports' deadlines, and stop in order. Nothing here parses or answers messages;
// that is the dispatcher's and the handlers'.
#include "daemon/server/server.h"

#include <sys/stat.h>

#include <spdlog/spdlog.h>

#include "daemon/uv/loop.h"

namespace tl::server {
namespace {

constexpr std::uint64_t kHousekeepingMs = 100;
constexpr int kBacklog = 511;

}  // namespace

Server::Server(uv::Loop& loop, ServerOptions options)
    : loop_(loop),
      options_(std::move(options)),
      events_([this] {
        // Zero-delay timer: events published during one loop iteration go out as
        // one batch per subscriber in the next.
        if (!stopping_ && flush_timer_.is_open()) {
          flush_timer_.start(0, 0, [this] { events_.flush(); });
        }
      }) {
  context_.loop = &loop_;
  context_.events = &events_;
  context_.version = options_.version;
  context_.token = options_.token;
  context_.framing = options_.framing;
  context_.exit = [this](int exit_code) { stop(exit_code); };
  register_lifecycle_handlers(methods_, context_);
  if (options_.test_methods) register_test_handlers(methods_, context_);
  register_session_handlers(methods_, context_);
}

Server::~Server() = default;

bool Server::start(std::string& error) {
  if (housekeeping_timer_.init(loop_) != 0 || flush_timer_.init(loop_) != 0) {
    error = "cannot create timers";
    return false;
  }
  housekeeping_timer_.start(kHousekeepingMs, kHousekeepingMs, [this] { housekeeping(); });
  for (const ListenAddress& address : options_.listen) {
    if (!listen_on(address, error)) return false;
  }
  if (options_.stdio && !open_stdio(error)) return false;
  return true;
}

bool Server::listen_on(const ListenAddress& address, std::string& error) {
  auto listener = std::make_unique<Listener>();
  listener->address = address;
  int err = 0;
  if (address.kind == ListenAddress::Kind::unix_socket) {
    if (!clear_stale_socket(address.path, error)) return false;
    auto pipe = std::make_unique<uv::Pipe>();
    err = pipe->init(loop_);
    if (err == 0) {
      // No window in which the socket is reachable by others: bind under umask 0177.
      mode_t old_mask = umask(0177);
      err = pipe->bind(address.path);
      umask(old_mask);
    }
    if (err != 0) {
      error = "cannot bind " + address.path + ": " + uv::error_message(err);
      return false;
    }
    listener->socket_file = secure_socket_file(address.path, error);
    if (!listener->socket_file) return false;
    listener->handle = std::move(pipe);
  } else {
    if (address.host != "127.0.0.1" && address.host != "::1") {
      spdlog::warn("listening on {}, not loopback: clients need the token", address.host);
    }
    auto tcp = std::make_unique<uv::Tcp>();
    err = tcp->init(loop_);
    if (err == 0) err = tcp->bind(address.host, address.port);
    if (err != 0) {
      error = "cannot bind " + address.to_string() + ": " + uv::error_message(err);
      return false;
    }
    listener->handle = std::move(tcp);
  }
  Listener* raw = listener.get();
  err = listener->handle->listen(kBacklog, [this, raw](int status) {
    if (status != 0) {
      spdlog::warn("accept on {}: {}", raw->address.to_string(), uv::error_message(status));
      return;
    }
    accept_from(*raw);
  });
  if (err == 0 && address.kind == ListenAddress::Kind::tcp) {
    // Resolve port 0 for the announcement.
    err = static_cast<uv::Tcp&>(*listener->handle).local_port(listener->address.port);
  }
  if (err != 0) {
    error = "cannot listen on " + address.to_string() + ": " + uv::error_message(err);
    listeners_.push_back(std::move(listener));  // stop() still removes its socket file
    return false;
  }
  bound_.push_back(listener->address.to_string());
  spdlog::info("listening on {}", listener->address.to_string());
  listeners_.push_back(std::move(listener));
  return true;
}

bool Server::open_stdio(std::string& error) {
  auto open_fd = [this, &error](int fd, bool readable) -> std::unique_ptr<uv::Stream> {
    uv::FdKind kind = uv::guess_fd_kind(fd);
    int err = 0;
    if (kind == uv::FdKind::pipe || kind == uv::FdKind::tcp) {
      auto pipe = std::make_unique<uv::Pipe>();
      err = pipe->init(loop_);
      if (err == 0) err = pipe->open(fd);
      if (err == 0) return pipe;
    } else if (kind == uv::FdKind::tty) {
      auto tty = std::make_unique<uv::Tty>();
      err = tty->init(loop_, fd, readable);
      if (err == 0) return tty;
    } else {
      error = "--stdio needs fd " + std::to_string(fd) +
              " to be a pipe, a socket or a terminal (regular files are not supported)";
      return nullptr;
    }
    error = "cannot open fd " + std::to_string(fd) + ": " + uv::error_message(err);
    return nullptr;
  };
  std::unique_ptr<uv::Stream> in = open_fd(0, true);
  if (!in) return false;
  std::unique_ptr<uv::Stream> out = open_fd(1, false);
  if (!out) return false;
  stdio_id_ = next_id_;
  add_connection(TransportKind::stdio, std::move(in), std::move(out));
  return true;
}

void Server::accept_from(Listener& listener) {
  std::unique_ptr<uv::Stream> stream;
  TransportKind kind;
  int err = 0;
  if (listener.address.kind == ListenAddress::Kind::unix_socket) {
    auto pipe = std::make_unique<uv::Pipe>();
    err = pipe->init(loop_);
    stream = std::move(pipe);
    kind = TransportKind::unix_socket;
  } else {
    auto tcp = std::make_unique<uv::Tcp>();
    err = tcp->init(loop_);
    if (err == 0) tcp->nodelay(true);
    stream = std::move(tcp);
    kind = TransportKind::tcp;
  }
  if (err == 0) err = listener.handle->accept(*stream);
  if (err != 0) {
    spdlog::warn("accept on {}: {}", listener.address.to_string(), uv::error_message(err));
    return;  // the stream's destructor closes it
  }
  if (stopping_) return;
  add_connection(kind, std::move(stream), nullptr);
}

void Server::add_connection(TransportKind kind, std::unique_ptr<uv::Stream> input,
                            std::unique_ptr<uv::Stream> output) {
  std::uint64_t id = next_id_++;
  StreamTransport::Options transport_options;
  transport_options.id = id;
  transport_options.kind = kind;
  transport_options.queue = options_.queue;
  transport_options.framing = options_.framing;
  auto transport =
      StreamTransport::create(loop_, transport_options, std::move(input), std::move(output));
  auto client = std::make_shared<Client>(transport, methods_);
  connections_[id] = Connection{transport, client, loop_.now_ms()};
  spdlog::debug("client {} ({}) connected; {} clients", id, to_string(kind),
                connections_.size());
  transport->start(client.get(), [this, id] { on_connection_closed(id); });
}

void Server::on_connection_closed(std::uint64_t id) {
  auto it = connections_.find(id);
  if (it == connections_.end()) return;
  Lifecycle lifecycle = it->second.client->lifecycle();
  events_.unsubscribe_all(id);
  connections_.erase(it);
  spdlog::debug("client {} gone; {} clients", id, connections_.size());
  if (stdio_id_ && *stdio_id_ == id) {
    // The editor closed our stdin: as LSP's exit, 0 only after shutdown.
    stop(lifecycle == Lifecycle::shut_down ? 0 : 1);
  }
  if (stopping_ && connections_.empty()) finish_stop();
}

void Server::housekeeping() {
  std::uint64_t now = loop_.now_ms();
  for (auto& [id, connection] : connections_) {
    connection.transport->tick(now);
    if (!stopping_ && options_.init_timeout_ms != 0 &&
        connection.client->lifecycle() == Lifecycle::uninitialized &&
        !connection.transport->is_closing() &&
        now - connection.connected_at >= options_.init_timeout_ms) {
      spdlog::info("client {}: no initialize after {} ms; closing", id,
                   options_.init_timeout_ms);
      connection.transport->close_after_flush();
    }
  }
  // Delivers gap notices to subscribers that drained while their session was quiet.
  events_.flush();
}

void Server::stop(int exit_code) {
  if (stopping_) return;
  stopping_ = true;
  exit_code_ = exit_code;
  spdlog::info("stopping (exit code {}), {} clients", exit_code, connections_.size());
  auto hooks = std::move(context_.stop_hooks);
  context_.stop_hooks.clear();
  for (auto& hook : hooks) hook();
  for (auto& listener : listeners_) {
    listener->handle->close();
    if (listener->socket_file) {
      remove_socket_file(listener->address.path, *listener->socket_file);
    }
  }
  listeners_.clear();
  events_.flush();
  for (auto& [id, connection] : connections_) connection.transport->close_after_flush();
  if (connections_.empty()) finish_stop();
}

void Server::finish_stop() {
  if (finished_) return;
  finished_ = true;
  housekeeping_timer_.close();
  flush_timer_.close();
  spdlog::debug("every client closed");
}

}  // namespace tl::server
