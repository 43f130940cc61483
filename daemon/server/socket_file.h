// The Unix socket's file: refuse to start if another daemon answers on the path,
// remove a stale file only when nothing answers, and on exit remove the file only if
// it is still the one this process bound.
#pragma once

#include <optional>
#include <string>

namespace tl::server {

struct SocketFileId {
  unsigned long long device = 0;
  unsigned long long inode = 0;
};

// Makes `path` free to bind. Returns false with `error` when another daemon answers
// on it, when it exists and is not a socket, or when it cannot be probed.
bool clear_stale_socket(const std::string& path, std::string& error);

// Narrows the socket file to its owner (mode 0600) and identifies it.
std::optional<SocketFileId> secure_socket_file(const std::string& path, std::string& error);

// Unlinks `path` if it is still the file identified by `id`.
void remove_socket_file(const std::string& path, const SocketFileId& id);

}  // namespace tl::server
