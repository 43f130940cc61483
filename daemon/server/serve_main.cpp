// The serving entry point: parses flags (CLI11), sets up logging (spdlog; stderr or a
// file, never stdout, which is the protocol's in --stdio mode), prepares the token,
// starts the Server, announces where it listens, and runs the loop until it stops.
#include "daemon/server/serve_main.h"

#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "daemon/server/server.h"
#include "daemon/uv/loop.h"
#include "daemon/uv/signal.h"

namespace tl::server {
namespace {

constexpr const char* kVersion = "0.1.0";

std::string random_token() {
  unsigned char bytes[32];
  std::size_t got = 0;
  while (got < sizeof(bytes)) {
    ssize_t n = getrandom(bytes + got, sizeof(bytes) - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("getrandom failed");
    }
    got += static_cast<std::size_t>(n);
  }
  static const char* hex = "0123456789abcdef";
  std::string token;
  for (unsigned char b : bytes) {
    token += hex[b >> 4];
    token += hex[b & 15];
  }
  return token;
}

std::string trim(std::string s) {
  const char* ws = " \t\r\n";
  s.erase(s.find_last_not_of(ws) + 1);
  s.erase(0, s.find_first_not_of(ws));
  return s;
}

// Reads the token from `path`, or creates the file (mode 0600) with a new token.
bool load_token(const std::string& path, std::string& token, std::string& error) {
  std::ifstream in(path);
  if (in) {
    std::stringstream ss;
    ss << in.rdbuf();
    token = trim(ss.str());
    if (token.empty()) error = "token file " + path + " is empty";
    return !token.empty();
  }
  token = random_token();
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    error = "cannot create token file " + path + ": " + std::strerror(errno);
    return false;
  }
  std::string line = token + "\n";
  bool ok = write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  close(fd);
  if (!ok) error = "cannot write token file " + path;
  return ok;
}

void setup_logging(const std::string& level, const std::string& file) {
  std::shared_ptr<spdlog::logger> logger;
  if (file.empty()) {
    logger = spdlog::stderr_color_mt("tasklensd");
  } else {
    logger = spdlog::basic_logger_mt("tasklensd", file);
  }
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

// Machine-readable lines on stderr, one per fact: `tasklensd: listening tcp:127.0.0.1:4711`.
void announce(const std::string& what) {
  std::fprintf(stderr, "tasklensd: %s\n", what.c_str());
  std::fflush(stderr);
}

}  // namespace

int serve_main(int argc, char** argv) {
  CLI::App app{"tasklensd: runs asyncio scenarios and serves inspectors (JSON-RPC 2.0, LSP framing)"};
  bool stdio = false;
  std::vector<std::string> listen;
  std::string token_file;
  std::string log_level = "info";
  std::string log_file;
  bool test_methods = false;
  ServerOptions options;
  options.version = kVersion;

  app.set_version_flag("--version", kVersion);
  app.add_flag("--stdio", stdio, "Serve one client on stdin/stdout (as an editor spawns a server)");
  app.add_option("--listen", listen,
                 "unix:PATH, unix: (default path), tcp:[HOST:]PORT (loopback default, 0 = any "
                 "free port); repeatable. Default without --stdio: unix:");
  app.add_option("--token-file", token_file,
                 "File holding the token TCP clients must present (created if missing)");
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error, critical, off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  app.add_option("--log-file", log_file, "Log here instead of stderr");
  app.add_flag("--enable-test-methods", test_methods,
               "Serve the test/* methods (for the wire tests; never for clients)");
  // Test knobs: hidden from --help.
  app.add_option("--queue-soft-bytes", options.queue.soft_bytes)->group("");
  app.add_option("--queue-hard-bytes", options.queue.hard_bytes)->group("");
  app.add_option("--queue-grace-ms", options.queue.grace_ms)->group("");
  app.add_option("--flush-deadline-ms", options.queue.flush_deadline_ms)->group("");
  app.add_option("--init-timeout-ms", options.init_timeout_ms)->group("");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  setup_logging(log_level, log_file);
  // A client that leaves mid-write must cost an EPIPE, not the process.
  std::signal(SIGPIPE, SIG_IGN);

  if (!stdio && listen.empty()) listen.push_back("unix:");
  bool any_tcp = false;
  for (const std::string& text : listen) {
    std::string error;
    auto address = parse_listen_address(text, error);
    if (!address) {
      spdlog::error("--listen: {}", error);
      return 2;
    }
    any_tcp |= address->kind == ListenAddress::Kind::tcp;
    options.listen.push_back(*address);
  }
  options.stdio = stdio;
  options.test_methods = test_methods;
  if (any_tcp) {
    std::string error;
    if (!token_file.empty()) {
      if (!load_token(token_file, options.token, error)) {
        spdlog::error("{}", error);
        return 2;
      }
    } else {
      options.token = random_token();
      announce("token " + options.token);
    }
  }

  uv::Loop loop;
  Server server(loop, options);
  uv::Signal sigint;
  uv::Signal sigterm;
  sigint.init(loop);
  sigterm.init(loop);
  sigint.start(SIGINT, [&server] {
    spdlog::info("SIGINT");
    server.stop(0);
  });
  sigterm.start(SIGTERM, [&server] {
    spdlog::info("SIGTERM");
    server.stop(0);
  });
  server.context().stop_hooks.push_back([&sigint, &sigterm] {
    sigint.close();
    sigterm.close();
  });

  std::string error;
  if (!server.start(error)) {
    spdlog::error("{}", error);
    server.stop(2);
    loop.run();
    return 2;
  }
  for (const std::string& address : server.bound_addresses()) announce("listening " + address);

  loop.run();
  int exit_code = server.exit_code();
  if (loop.close() != 0) {
    loop.for_each_open_handle(
        [](const std::string& type) { spdlog::error("handle left open at exit: {}", type); });
  }
  spdlog::info("exit {}", exit_code);
  spdlog::shutdown();
  return exit_code;
}

}  // namespace tl::server
