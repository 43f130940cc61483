// StreamTransport: framing decoder on the way in, byte-bounded libuv write queue on the
// way out, and a close path that runs once however many ways a connection can end
// (EOF, reset, write error, framing error, hard cap, deadline, server stop).
#include "daemon/server/transport.h"

#include <spdlog/spdlog.h>

#include "daemon/uv/loop.h"
#include "daemon/uv/stream.h"

namespace tl::server {

std::shared_ptr<StreamTransport> StreamTransport::create(uv::Loop& loop, Options options,
                                                         std::unique_ptr<uv::Stream> input,
                                                         std::unique_ptr<uv::Stream> output) {
  return std::shared_ptr<StreamTransport>(
      new StreamTransport(loop, options, std::move(input), std::move(output)));
}

StreamTransport::StreamTransport(uv::Loop& loop, Options options,
                                 std::unique_ptr<uv::Stream> input,
                                 std::unique_ptr<uv::Stream> output)
    : loop_(loop),
      options_(options),
      input_(std::move(input)),
      output_(std::move(output)),
      decoder_(options.framing) {}

StreamTransport::~StreamTransport() {
  // The Stream destructors close any handle still open; their memory goes in the
  // close callbacks, which no longer refer to this object.
}

uv::Stream& StreamTransport::out() { return output_ ? *output_ : *input_; }
const uv::Stream& StreamTransport::out() const { return output_ ? *output_ : *input_; }

void StreamTransport::start(MessageHandler* handler, std::function<void()> on_closed) {
  handler_ = handler;
  on_closed_ = std::move(on_closed);
  std::weak_ptr<StreamTransport> weak = weak_from_this();
  input_->on_read(
      [weak](std::string_view bytes) {
        if (auto self = weak.lock()) self->on_bytes(bytes);
      },
      [weak](int err) {
        if (auto self = weak.lock()) self->on_read_end(err);
      });
  int err = input_->read_start();
  if (err != 0) {
    spdlog::warn("client {}: cannot read: {}", id(), uv::error_message(err));
    close_now();
    return;
  }
  reading_ = true;
}

void StreamTransport::on_bytes(std::string_view bytes) {
  if (is_closing()) return;
  decoder_.feed(bytes);
  // Bodies that arrived whole before a framing error are still answered.
  while (auto body = decoder_.next_body()) {
    if (is_closing()) return;
    handler_->on_message(std::move(*body));
  }
  if (decoder_.failed() && !is_closing()) {
    spdlog::warn("client {}: framing error, closing: {}", id(), decoder_.error());
    close_after_flush();
    return;
  }
  update_read_pause();
}

void StreamTransport::on_read_end(int err) {
  reading_ = false;
  if (is_closing()) return;
  if (uv::is_eof(err)) {
    if (!decoder_.at_message_boundary()) {
      spdlog::warn("client {}: message cut short by EOF", id());
    } else {
      spdlog::debug("client {}: EOF", id());
    }
    // The client may have only half-closed: its earlier replies still go out.
    close_after_flush();
  } else {
    spdlog::info("client {}: read error, closing: {}", id(), uv::error_message(err));
    close_now();
  }
}

bool StreamTransport::accepts_events() const {
  return !is_closing() && queued_bytes() <= options_.queue.soft_bytes;
}

bool StreamTransport::send(std::string body, Traffic traffic) {
  if (is_closing()) return false;
  if (traffic == Traffic::event && !accepts_events()) return false;
  std::weak_ptr<StreamTransport> weak = weak_from_this();
  return after_write(out().write(protocol::encode_frame(body), [weak](int status) {
    if (auto self = weak.lock()) self->on_write_done(status);
  }));
}

bool StreamTransport::send_shared(std::shared_ptr<const std::string> body, Traffic traffic) {
  if (is_closing()) return false;
  if (traffic == Traffic::event && !accepts_events()) return false;
  std::weak_ptr<StreamTransport> weak = weak_from_this();
  std::string header = "Content-Length: " + std::to_string(body->size()) + "\r\n\r\n";
  return after_write(out().write_shared(std::move(header), std::move(body), [weak](int status) {
    if (auto self = weak.lock()) self->on_write_done(status);
  }));
}

bool StreamTransport::after_write(int err) {
  if (err != 0) {
    spdlog::info("client {}: write failed, closing: {}", id(), uv::error_message(err));
    close_now();
    return false;
  }
  std::size_t queued = queued_bytes();
  if (queued > options_.queue.hard_bytes && over_hard_since_ == 0) {
    // uv_now never returns 0 once the loop ran; keep 0 as "not over".
    over_hard_since_ = std::max<std::uint64_t>(loop_.now_ms(), 1);
    spdlog::warn("client {}: {} bytes queued, over the hard cap", id(), queued);
  }
  update_read_pause();
  return true;
}

void StreamTransport::on_write_done(int status) {
  if (status != 0) {
    if (!uv::is_cancelled(status) && !closed_) {
      // EPIPE, ECONNRESET: the client left mid-write. SIGPIPE is ignored process-wide,
      // so this is just an error code.
      spdlog::info("client {}: write error, closing: {}", id(), uv::error_message(status));
      close_now();
    }
    return;
  }
  if (queued_bytes() <= options_.queue.hard_bytes) over_hard_since_ = 0;
  update_read_pause();
}

void StreamTransport::update_read_pause() {
  if (is_closing() || !reading_) return;
  std::size_t queued = queued_bytes();
  if (!read_paused_ && queued > options_.queue.soft_bytes) {
    input_->read_stop();
    read_paused_ = true;
    spdlog::debug("client {}: not reading its replies; pausing input", id());
  } else if (read_paused_ && queued <= options_.queue.soft_bytes / 2) {
    read_paused_ = false;
    if (input_->read_start() != 0) close_now();
  }
}

std::size_t StreamTransport::queued_bytes() const {
  if (closed_) return 0;
  return out().write_queue_size();
}

void StreamTransport::close_after_flush() {
  if (is_closing()) return;
  closing_ = true;
  flush_deadline_ = loop_.now_ms() + options_.queue.flush_deadline_ms;
  if (reading_) input_->read_stop();
  reading_ = false;
  std::weak_ptr<StreamTransport> weak = weak_from_this();
  // uv_shutdown completes after every queued write: the natural end of a flush.
  int err = out().shutdown([weak](int) {
    if (auto self = weak.lock()) self->close_now();
  });
  if (err != 0) close_now();
}

void StreamTransport::close_now() {
  if (closed_) return;
  closed_ = true;
  closing_ = true;
  std::weak_ptr<StreamTransport> weak = weak_from_this();
  auto closed_one = [weak] {
    if (auto self = weak.lock()) {
      if (--self->open_handles_ == 0) self->handle_closed();
    }
  };
  // Count first, then close: a close callback never runs synchronously, but the count
  // must be complete before the first one can.
  open_handles_ = output_ ? 2 : 1;
  input_->close(closed_one);
  if (output_) output_->close(closed_one);
}

void StreamTransport::handle_closed() {
  spdlog::debug("client {}: closed", id());
  MessageHandler* handler = std::exchange(handler_, nullptr);
  std::function<void()> on_closed = std::move(on_closed_);
  if (handler) handler->on_disconnect();
  if (on_closed) on_closed();
}

void StreamTransport::tick(std::uint64_t now_ms) {
  if (closed_) return;
  if (closing_ && now_ms >= flush_deadline_) {
    spdlog::info("client {}: flush deadline passed, closing", id());
    close_now();
    return;
  }
  if (over_hard_since_ != 0) {
    if (queued_bytes() <= options_.queue.hard_bytes) {
      over_hard_since_ = 0;
    } else if (now_ms - over_hard_since_ >= options_.queue.grace_ms) {
      spdlog::warn("client {}: over the hard cap for {} ms, disconnecting", id(),
                   now_ms - over_hard_since_);
      close_now();
    }
  }
}

}  // namespace tl::server
