// Socket-file checks with plain POSIX calls; they run before the loop starts and
// after it ends, so blocking is fine.
#include "daemon/server/socket_file.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tl::server {

bool clear_stale_socket(const std::string& path, std::string& error) {
  sockaddr_un addr{};
  if (path.size() >= sizeof(addr.sun_path)) {
    error = "socket path too long (" + std::to_string(path.size()) + " bytes): " + path;
    return false;
  }
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return true;
    error = "cannot inspect " + path + ": " + std::strerror(errno);
    return false;
  }
  if (!S_ISSOCK(st.st_mode)) {
    error = path + " exists and is not a socket; not touching it";
    return false;
  }
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error = std::string("socket: ") + std::strerror(errno);
    return false;
  }
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  int rc = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  int connect_errno = errno;
  close(fd);
  if (rc == 0) {
    error = "another daemon answers on " + path;
    return false;
  }
  if (connect_errno != ECONNREFUSED) {
    error = "cannot probe " + path + ": " + std::strerror(connect_errno);
    return false;
  }
  // Nothing listens: a leftover of a daemon that did not exit cleanly.
  if (unlink(path.c_str()) != 0 && errno != ENOENT) {
    error = "cannot remove stale socket " + path + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

std::optional<SocketFileId> secure_socket_file(const std::string& path, std::string& error) {
  if (chmod(path.c_str(), 0600) != 0) {
    error = "chmod " + path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) {
    error = "stat " + path + ": " + std::strerror(errno);
    return std::nullopt;
  }
  return SocketFileId{static_cast<unsigned long long>(st.st_dev),
                      static_cast<unsigned long long>(st.st_ino)};
}

void remove_socket_file(const std::string& path, const SocketFileId& id) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) return;
  if (static_cast<unsigned long long>(st.st_dev) != id.device ||
      static_cast<unsigned long long>(st.st_ino) != id.inode) {
    return;  // another daemon's socket now: not ours to remove
  }
  unlink(path.c_str());
}

}  // namespace tl::server
