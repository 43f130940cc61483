// LSP base-protocol framing: `Name: value\r\n` headers, a blank line, then a body of
// Content-Length bytes. Pure bytes-in/bodies-out, no I/O: the daemon's transports and
// the client both feed whatever chunks the socket gives and get whole bodies back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace tl::protocol {

// The numbers are the wire's published limits (protocol/PROTOCOL.md); tests shrink them.
struct FramingLimits {
  std::size_t max_body = 16u << 20;          // 16 MiB
  std::size_t max_header_line = 8u << 10;    // 8 KiB, CRLF included
  std::size_t max_header_block = 64u << 10;  // 64 KiB, the blank line included
};

// Incremental decoder. Any error is fatal for the connection: after it, feed() ignores
// its input and the transport closes. Bodies completed before the error stay available.
class FrameDecoder {
 public:
  explicit FrameDecoder(FramingLimits limits = {});

  // Consumes a chunk. Never allocates more than the chunk plus one pending header line
  // or the declared (already checked) body length.
  void feed(std::string_view chunk);

  // The next complete body, oldest first.
  std::optional<std::string> next_body();

  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

  // True when no partial message is buffered: an EOF now is clean. An EOF with a
  // partial message is fault 5 (a body cut short) and the caller reports it.
  bool at_message_boundary() const;

  // Bytes buffered toward the current message (tests and diagnostics).
  std::size_t buffered_bytes() const { return line_.size() + body_.size(); }

 private:
  enum class State { header_line, body };

  void fail(std::string why);
  // Returns false once the decoder failed.
  bool take_header_line(std::string_view line);
  bool finish_headers();
  void reset_message();

  FramingLimits limits_;
  State state_ = State::header_line;
  std::string line_;               // the header line being assembled
  std::size_t header_bytes_ = 0;   // bytes of the current header block so far
  bool first_line_ = true;         // the next header line is the message's first
  std::optional<std::uint64_t> content_length_;
  std::string body_;
  std::size_t body_expected_ = 0;
  std::deque<std::string> ready_;
  std::string error_;
};

// Frames a body: `Content-Length: N\r\n\r\n` + body.
std::string encode_frame(std::string_view body);

// Exposed for tests: does this (possibly partial) first header line start like an HTTP
// request line (`GET /`, `POST /`, ...)? A browser page must not drive the daemon.
bool looks_like_http_request(std::string_view line);

}  // namespace tl::protocol
