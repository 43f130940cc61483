// The daemon's --listen addresses: `unix:PATH` (or `unix:` for the default path) and
// `tcp:HOST:PORT` / `tcp:PORT` (loopback by default, port 0 picks a free port).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tl::server {

struct ListenAddress {
  enum class Kind { unix_socket, tcp };
  Kind kind = Kind::unix_socket;
  std::string path;  // unix
  std::string host;  // tcp: an IPv4 or IPv6 literal
  int port = 0;      // tcp

  // The canonical form printed when listening: unix:PATH or tcp:HOST:PORT.
  std::string to_string() const;
};

// nullopt with `error` set when the text is not an address.
std::optional<ListenAddress> parse_listen_address(std::string_view text, std::string& error);

// $XDG_RUNTIME_DIR/tasklensd.sock, or /tmp/tasklensd-$UID.sock without it.
std::string default_unix_socket_path();

}  // namespace tl::server
