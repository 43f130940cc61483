// Stream, TCP, pipe and TTY wrappers.
#include "daemon/uv/stream.h"

#include <cstring>

#include "daemon/uv/detail.h"
#include "daemon/uv/loop.h"

namespace tl::uv {
namespace {

struct WriteReq {
  uv_write_t req;
  std::string data;
  Stream::StatusCallback done;
};

// A header of its own and a body shared with other writes (fan-out): two buffers in
// one write request; the body lives until the write completes.
struct SharedWriteReq {
  uv_write_t req;
  std::string header;
  std::shared_ptr<const std::string> body;
  Stream::StatusCallback done;
};

struct ShutdownReq {
  uv_shutdown_t req;
  Stream::StatusCallback done;
};

// libuv reads into the buffer and calls the read callback before the next allocation,
// so one buffer serves every stream of the (single-threaded) loop.
char* read_buffer() {
  static thread_local char buffer[64 * 1024];
  return buffer;
}

}  // namespace

void Stream::on_read(ReadCallback on_bytes, EndCallback on_end) {
  if (!box_) return;
  box_->on_read = std::move(on_bytes);
  box_->on_read_end = std::move(on_end);
}

int Stream::read_start() {
  if (!box_) return UV_EINVAL;
  return uv_read_start(
      &box_->stream,
      [](uv_handle_t*, size_t, uv_buf_t* buf) { *buf = uv_buf_init(read_buffer(), 64 * 1024); },
      [](uv_stream_t* s, ssize_t nread, const uv_buf_t* buf) {
        auto* box = detail::HandleBox::of(reinterpret_cast<uv_handle_t*>(s));
        if (nread > 0) {
          if (box->on_read) box->on_read(std::string_view(buf->base, size_t(nread)));
        } else if (nread < 0) {
          uv_read_stop(s);
          auto on_end = box->on_read_end;
          if (on_end) on_end(int(nread));
        }
      });
}

int Stream::read_stop() { return box_ ? uv_read_stop(&box_->stream) : 0; }

int Stream::write(std::string data, StatusCallback done) {
  if (!box_) return UV_EBADF;
  auto* w = new WriteReq{{}, std::move(data), std::move(done)};
  uv_buf_t buf = uv_buf_init(w->data.data(), static_cast<unsigned>(w->data.size()));
  int err = uv_write(&w->req, &box_->stream, &buf, 1, [](uv_write_t* req, int status) {
    auto* w = reinterpret_cast<WriteReq*>(req);
    StatusCallback done = std::move(w->done);
    delete w;
    if (done) done(status);
  });
  if (err != 0) delete w;
  return err;
}

int Stream::write_shared(std::string header, std::shared_ptr<const std::string> body, StatusCallback done) {
  if (!box_) return UV_EBADF;
  auto* w = new SharedWriteReq{{}, std::move(header), std::move(body), std::move(done)};
  uv_buf_t bufs[2] = {uv_buf_init(w->header.data(), static_cast<unsigned>(w->header.size())),
                      // libuv never writes into a buffer it sends.
                      uv_buf_init(const_cast<char*>(w->body->data()), static_cast<unsigned>(w->body->size()))};
  int err = uv_write(&w->req, &box_->stream, bufs, 2, [](uv_write_t* req, int status) {
    auto* w = reinterpret_cast<SharedWriteReq*>(req);
    StatusCallback done = std::move(w->done);
    delete w;
    if (done) done(status);
  });
  if (err != 0) delete w;
  return err;
}

std::size_t Stream::write_queue_size() const {
  return box_ ? uv_stream_get_write_queue_size(&box_->stream) : 0;
}

int Stream::shutdown(StatusCallback done) {
  if (!box_) return UV_EBADF;
  auto* r = new ShutdownReq{{}, std::move(done)};
  int err = uv_shutdown(&r->req, &box_->stream, [](uv_shutdown_t* req, int status) {
    auto* r = reinterpret_cast<ShutdownReq*>(req);
    StatusCallback done = std::move(r->done);
    delete r;
    if (done) done(status);
  });
  if (err != 0) delete r;
  return err;
}

int Stream::listen(int backlog, StatusCallback on_connection) {
  if (!box_) return UV_EINVAL;
  box_->on_connection = std::move(on_connection);
  return uv_listen(&box_->stream, backlog, [](uv_stream_t* s, int status) {
    auto* box = detail::HandleBox::of(reinterpret_cast<uv_handle_t*>(s));
    auto cb = box->on_connection;
    if (cb) cb(status);
  });
}

int Stream::accept(Stream& client) {
  if (!box_ || !client.box_) return UV_EINVAL;
  return uv_accept(&box_->stream, &client.box_->stream);
}

int Tcp::init(Loop& loop) {
  close();
  return detail::open_box(box_, [&](detail::HandleBox& b) { return uv_tcp_init(loop.raw(), &b.tcp); });
}

int Tcp::bind(const std::string& host, int port) {
  if (!box_) return UV_EINVAL;
  sockaddr_storage addr{};
  if (uv_ip4_addr(host.c_str(), port, reinterpret_cast<sockaddr_in*>(&addr)) != 0 &&
      uv_ip6_addr(host.c_str(), port, reinterpret_cast<sockaddr_in6*>(&addr)) != 0) {
    return UV_EINVAL;
  }
  return uv_tcp_bind(&box_->tcp, reinterpret_cast<const sockaddr*>(&addr), 0);
}

int Tcp::local_port(int& port) const {
  if (!box_) return UV_EINVAL;
  sockaddr_storage addr{};
  int len = sizeof(addr);
  int err = uv_tcp_getsockname(&box_->tcp, reinterpret_cast<sockaddr*>(&addr), &len);
  if (err != 0) return err;
  if (addr.ss_family == AF_INET) {
    port = ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  } else {
    port = ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
  }
  return 0;
}

int Tcp::nodelay(bool enable) { return box_ ? uv_tcp_nodelay(&box_->tcp, enable) : UV_EINVAL; }

int Pipe::init(Loop& loop) {
  close();
  return detail::open_box(box_, [&](detail::HandleBox& b) { return uv_pipe_init(loop.raw(), &b.pipe, 0); });
}

int Pipe::bind(const std::string& path) {
  return box_ ? uv_pipe_bind(&box_->pipe, path.c_str()) : UV_EINVAL;
}

int Pipe::open(int fd) { return box_ ? uv_pipe_open(&box_->pipe, fd) : UV_EINVAL; }

int Tty::init(Loop& loop, int fd, bool readable) {
  close();
  return detail::open_box(box_, [&](detail::HandleBox& b) {
    return uv_tty_init(loop.raw(), &b.tty, fd, readable ? 1 : 0);
  });
}

FdKind guess_fd_kind(int fd) {
  switch (uv_guess_handle(fd)) {
    case UV_NAMED_PIPE: return FdKind::pipe;
    case UV_TTY: return FdKind::tty;
    case UV_TCP: return FdKind::tcp;
    case UV_FILE: return FdKind::file;
    default: return FdKind::other;
  }
}

}  // namespace tl::uv
