// libuv streams: the byte pipes under every transport. Stream holds what TCP, Unix
// sockets, pipes and TTYs share (read, write, shutdown, listen, accept); the subclasses
// only add how they are opened. Write and shutdown requests are short-lived heap
// blocks freed in their callbacks, as libuv intends.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "daemon/uv/handle.h"

namespace tl::uv {

class Loop;

class Stream : public Handle {
 public:
  using ReadCallback = std::function<void(std::string_view bytes)>;
  // Reading ended: UV_EOF (see is_eof) or an error such as ECONNRESET. Reading is
  // stopped before the callback runs.
  using EndCallback = std::function<void(int err)>;
  using StatusCallback = std::function<void(int status)>;

  // Set once, before read_start(); read_start/read_stop then only toggle reading.
  void on_read(ReadCallback on_bytes, EndCallback on_end);
  int read_start();
  int read_stop();

  // Queues `data` for writing. `done` runs once with 0 or an error (UV_ECANCELED if the
  // handle closed first). On an immediate error, returns it and `done` never runs.
  int write(std::string data, StatusCallback done = {});
  // Writes `header` then `body`, where `body` is shared with other writes (the same
  // event batch to many clients) and kept alive by the request until it completes.
  int write_shared(std::string header, std::shared_ptr<const std::string> body, StatusCallback done = {});
  // Bytes queued in libuv and not yet handed to the kernel.
  std::size_t write_queue_size() const;
  // Half-closes after pending writes; `done` runs with 0 or an error.
  int shutdown(StatusCallback done);

  int listen(int backlog, StatusCallback on_connection);
  // Accepts a pending connection into `client`, an initialized, unused stream.
  int accept(Stream& client);

 protected:
  Stream() = default;
};

class Tcp : public Stream {
 public:
  int init(Loop& loop);
  // `host` is an IPv4 or IPv6 literal.
  int bind(const std::string& host, int port);
  // The locally bound port (after bind; useful with port 0).
  int local_port(int& port) const;
  int nodelay(bool enable);
};

class Pipe : public Stream {
 public:
  int init(Loop& loop);
  int bind(const std::string& path);
  // Wraps an existing descriptor (stdin/stdout when they are pipes or sockets).
  int open(int fd);
};

class Tty : public Stream {
 public:
  int init(Loop& loop, int fd, bool readable);
};

// What a standard descriptor is, to pick the stream type that can wrap it.
enum class FdKind { pipe, tty, tcp, file, other };
FdKind guess_fd_kind(int fd);

}  // namespace tl::uv
