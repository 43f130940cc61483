// One client connection's byte transport (stdio, Unix socket or TCP): feeds received
// bytes through the framing decoder to a MessageHandler, and writes framed messages
// through a byte-bounded outgoing queue. Handlers and the event fan-out only see the
// abstract Transport, so they are tested without sockets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "protocol/framing.h"

namespace tl::uv {
class Loop;
class Stream;
}  // namespace tl::uv

namespace tl::server {

enum class TransportKind { stdio, unix_socket, tcp, test };
inline const char* to_string(TransportKind kind) {
  switch (kind) {
    case TransportKind::stdio: return "stdio";
    case TransportKind::unix_socket: return "unix";
    case TransportKind::tcp: return "tcp";
    case TransportKind::test: return "test";
  }
  return "?";
}

// What a message is decides whether it may be dropped under backpressure.
enum class Traffic {
  reply,   // a response: never dropped
  notice,  // a notification the client must see (gap notices): never dropped
  event,   // a session/event batch: dropped past the soft bound, with a gap notice later
};

// Per-client outgoing bounds (protocol/PROTOCOL.md, "Limits").
struct QueueLimits {
  std::size_t soft_bytes = 2u << 20;   // events are dropped and reading pauses past this
  std::size_t hard_bytes = 16u << 20;  // replies alone can pass the soft bound; not this
  std::uint64_t grace_ms = 5000;       // how long a client may stay over the hard cap
  std::uint64_t flush_deadline_ms = 2000;  // closing: how long queued bytes may take
};

// The outgoing side of a connection.
class Transport {
 public:
  virtual ~Transport() = default;
  virtual std::uint64_t id() const = 0;
  virtual TransportKind kind() const = 0;
  // Frames and queues one message body. Replies and notices always queue (unless the
  // connection is closing); an event is refused, returning false, when the queue is
  // over the soft bound.
  virtual bool send(std::string body, Traffic traffic) = 0;
  // The same for a body shared with other clients (an event batch fanned out): the
  // bytes are written from the shared buffer, never copied per client.
  virtual bool send_shared(std::shared_ptr<const std::string> body, Traffic traffic) {
    return send(*body, traffic);
  }
  // Whether an event sent now would be queued.
  virtual bool accepts_events() const = 0;
  // Stops reading, lets queued bytes go out (within the flush deadline), then closes.
  virtual void close_after_flush() = 0;
};

// The incoming side: what a transport delivers.
class MessageHandler {
 public:
  virtual ~MessageHandler() = default;
  virtual void on_message(std::string body) = 0;
  // The connection is closed; no more messages and no more sends.
  virtual void on_disconnect() = 0;
};

// A Transport over libuv streams: one stream for sockets, two (stdin, stdout) for stdio.
class StreamTransport : public Transport, public std::enable_shared_from_this<StreamTransport> {
 public:
  struct Options {
    std::uint64_t id = 0;
    TransportKind kind = TransportKind::unix_socket;
    QueueLimits queue;
    protocol::FramingLimits framing;
  };

  // `output` null means the input stream also writes (sockets).
  static std::shared_ptr<StreamTransport> create(uv::Loop& loop, Options options,
                                                 std::unique_ptr<uv::Stream> input,
                                                 std::unique_ptr<uv::Stream> output);
  ~StreamTransport() override;

  // Starts reading. `handler` must stay valid until on_disconnect; `on_closed` runs once
  // after every handle of the connection has closed.
  void start(MessageHandler* handler, std::function<void()> on_closed);

  std::uint64_t id() const override { return options_.id; }
  TransportKind kind() const override { return options_.kind; }
  bool send(std::string body, Traffic traffic) override;
  bool send_shared(std::shared_ptr<const std::string> body, Traffic traffic) override;
  bool accepts_events() const override;
  void close_after_flush() override;
  // Closes at once; queued bytes are discarded.
  void close_now();

  // Housekeeping, called periodically: enforces the hard cap's grace period and the
  // flush deadline of a closing connection.
  void tick(std::uint64_t now_ms);

  std::size_t queued_bytes() const;
  bool is_closing() const { return closing_ || closed_; }

 private:
  StreamTransport(uv::Loop& loop, Options options, std::unique_ptr<uv::Stream> input,
                  std::unique_ptr<uv::Stream> output);
  uv::Stream& out();
  const uv::Stream& out() const;
  void on_bytes(std::string_view bytes);
  void on_read_end(int err);
  void on_write_done(int status);
  // What send and send_shared do once the write is queued (or failed to queue).
  bool after_write(int err);
  // Pauses reading while the client does not read its replies, so one client cannot
  // make the daemon buffer without bound; resumes once the queue has half drained.
  void update_read_pause();
  void handle_closed();

  uv::Loop& loop_;
  Options options_;
  std::unique_ptr<uv::Stream> input_;
  std::unique_ptr<uv::Stream> output_;
  protocol::FrameDecoder decoder_;
  MessageHandler* handler_ = nullptr;
  std::function<void()> on_closed_;
  bool reading_ = false;
  bool read_paused_ = false;
  bool closing_ = false;
  bool closed_ = false;
  int open_handles_ = 0;
  std::uint64_t flush_deadline_ = 0;
  std::uint64_t over_hard_since_ = 0;  // 0: not over the hard cap
};

}  // namespace tl::server
