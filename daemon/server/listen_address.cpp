// Parsing of --listen addresses and the default socket path.
#include "daemon/server/listen_address.h"

#include <unistd.h>

#include <charconv>
#include <cstdlib>

namespace tl::server {

std::string ListenAddress::to_string() const {
  if (kind == Kind::unix_socket) return "unix:" + path;
  bool v6 = host.find(':') != std::string::npos;
  return "tcp:" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string default_unix_socket_path() {
  const char* runtime_dir = std::getenv("XDG_RUNTIME_DIR");
  if (runtime_dir != nullptr && runtime_dir[0] == '/') {
    return std::string(runtime_dir) + "/tasklensd.sock";
  }
  return "/tmp/tasklensd-" + std::to_string(getuid()) + ".sock";
}

std::optional<ListenAddress> parse_listen_address(std::string_view text, std::string& error) {
  ListenAddress a;
  if (text.substr(0, 5) == "unix:") {
    a.kind = ListenAddress::Kind::unix_socket;
    a.path = text.size() > 5 ? std::string(text.substr(5)) : default_unix_socket_path();
    return a;
  }
  if (text.substr(0, 4) != "tcp:") {
    error = "expected unix:PATH or tcp:[HOST:]PORT, got '" + std::string(text) + "'";
    return std::nullopt;
  }
  a.kind = ListenAddress::Kind::tcp;
  std::string_view rest = text.substr(4);
  std::string_view port_text = rest;
  a.host = "127.0.0.1";
  if (!rest.empty() && rest.front() == '[') {
    std::size_t close = rest.find(']');
    if (close == std::string_view::npos || close + 1 >= rest.size() || rest[close + 1] != ':') {
      error = "expected tcp:[IPV6]:PORT, got '" + std::string(text) + "'";
      return std::nullopt;
    }
    a.host = std::string(rest.substr(1, close - 1));
    port_text = rest.substr(close + 2);
  } else if (std::size_t colon = rest.rfind(':'); colon != std::string_view::npos) {
    a.host = std::string(rest.substr(0, colon));
    port_text = rest.substr(colon + 1);
  }
  if (a.host == "localhost") a.host = "127.0.0.1";
  int port = -1;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port < 0 ||
      port > 65535 || a.host.empty()) {
    error = "bad TCP address '" + std::string(text) + "'";
    return std::nullopt;
  }
  a.port = port;
  return a;
}

}  // namespace tl::server
