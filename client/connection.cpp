// Connection: spawning or connecting to tasklensd, LSP framing and request/response
// matching. Blocking with poll(): a command-line client has one conversation at a time,
// and `top` polls fd() alongside the keyboard.
#include "client/connection.h"

#include "client/json_reader.h"

#include "protocol/framing.h"

#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tl::client {
namespace {

protocol::FrameDecoder& decoder_of(std::shared_ptr<void>& p) {
    return *static_cast<protocol::FrameDecoder*>(p.get());
}

std::string dirname_of(const std::string& path) {
    auto slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

int connect_unix(const std::string& path) {
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw ClientError("socket: " + std::string(std::strerror(errno)));
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof(addr.sun_path)) throw ClientError("socket path too long: " + path);
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        std::string why = std::strerror(errno);
        ::close(fd);
        throw ClientError("cannot connect to unix:" + path + ": " + why);
    }
    return fd;
}

int connect_tcp(const std::string& hostport) {
    auto colon = hostport.rfind(':');
    std::string host = colon == std::string::npos ? "127.0.0.1" : hostport.substr(0, colon);
    std::string port = colon == std::string::npos ? hostport : hostport.substr(colon + 1);
    if (host.empty()) host = "127.0.0.1";
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* res = nullptr;
    if (int rc = ::getaddrinfo(host.c_str(), port.c_str(), &hints, &res); rc != 0)
        throw ClientError("cannot resolve " + hostport + ": " + gai_strerror(rc));
    int fd = -1;
    std::string why = "no address";
    for (addrinfo* a = res; a; a = a->ai_next) {
        fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0) break;
        why = std::strerror(errno);
        ::close(fd);
        fd = -1;
    }
    ::freeaddrinfo(res);
    if (fd < 0) throw ClientError("cannot connect to tcp:" + hostport + ": " + why);
    return fd;
}

std::string default_socket() {
    if (const char* xdg = std::getenv("XDG_RUNTIME_DIR"); xdg && *xdg) return std::string(xdg) + "/tasklensd.sock";
    return "/tmp/tasklensd-" + std::to_string(::getuid()) + ".sock";
}

}  // namespace

std::string find_daemon(const std::string& self_path) {
    if (const char* env = std::getenv("TASKLENSD"); env && *env) return env;
    char buf[4096];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    std::string self = n > 0 ? std::string(buf, n) : self_path;
    std::string beside = dirname_of(self) + "/tasklensd";
    if (::access(beside.c_str(), X_OK) == 0) return beside;
    return "tasklensd";
}

std::unique_ptr<Connection> Connection::open(const ConnectOptions& options) {
    std::unique_ptr<Connection> c(new Connection());
    c->decoder_ = std::make_shared<protocol::FrameDecoder>();
    std::string token = options.token;
    if (!options.connect.empty()) {
        std::string where = options.connect;
        int fd = -1;
        if (where == "unix" || where == "unix:") fd = connect_unix(default_socket());
        else if (where.rfind("unix:", 0) == 0) fd = connect_unix(where.substr(5));
        else if (where.rfind("tcp:", 0) == 0) fd = connect_tcp(where.substr(4));
        else throw ClientError("--connect wants unix:PATH or tcp:HOST:PORT, not '" + where + "'");
        c->in_fd_ = c->out_fd_ = fd;
        if (token.empty() && !options.token_file.empty()) {
            std::ifstream in(options.token_file);
            if (!in) throw ClientError("cannot read token file " + options.token_file);
            in >> token;
        }
    } else {
        std::string daemon = find_daemon(options.self_path);
        int to_child[2], from_child[2];
        if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0)
            throw ClientError("pipe: " + std::string(std::strerror(errno)));
        pid_t pid = ::fork();
        if (pid < 0) throw ClientError("fork: " + std::string(std::strerror(errno)));
        if (pid == 0) {
            ::dup2(to_child[0], 0);
            ::dup2(from_child[1], 1);
            const char* argv[] = {daemon.c_str(), "--stdio", "--log-level", "error", nullptr};
            ::execvp(argv[0], const_cast<char* const*>(argv));
            std::fprintf(stderr, "tasklens: cannot start %s: %s\n", daemon.c_str(), std::strerror(errno));
            ::_exit(127);
        }
        ::close(to_child[0]);
        ::close(from_child[1]);
        c->child_ = pid;
        c->out_fd_ = to_child[1];
        c->in_fd_ = from_child[0];
    }
    std::signal(SIGPIPE, SIG_IGN);
    Json params = {{"processId", static_cast<long>(::getpid())},
                   {"clientInfo", {{"name", "tasklens"}, {"version", "0.1.0"}}},
                   {"capabilities", Json::object()}};
    if (!token.empty()) params["token"] = token;
    c->init_result_ = c->request("initialize", params);
    c->notify("initialized");
    return c;
}

Connection::~Connection() {
    if (child_ > 0) {
        if (!closed_) {
            try {
                request("shutdown", nullptr);
                notify("exit");
            } catch (const ClientError&) {
            }
        }
        if (out_fd_ >= 0) ::close(out_fd_);
        if (in_fd_ >= 0 && in_fd_ != out_fd_) ::close(in_fd_);
        int status = 0;
        ::waitpid(child_, &status, 0);
    } else if (in_fd_ >= 0) {
        ::close(in_fd_);
    }
}

bool Connection::supports_sessions() const {
    const Json* caps = init_result_.contains("capabilities") ? &init_result_["capabilities"] : nullptr;
    return caps && caps->value("supportsEventStream", false);
}

void Connection::send(const Json& message) {
    if (closed_) throw ClientError("the daemon closed the connection");
    std::string frame = protocol::encode_frame(message.dump(-1, ' ', false, Json::error_handler_t::replace));
    size_t off = 0;
    while (off < frame.size()) {
        ssize_t n = ::write(out_fd_, frame.data() + off, frame.size() - off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            closed_ = true;
            throw ClientError("the daemon closed the connection");
        }
        off += static_cast<size_t>(n);
    }
}

bool Connection::pump(int timeout_ms) {
    if (closed_) return false;
    pollfd p{in_fd_, POLLIN, 0};
    int rc = ::poll(&p, 1, timeout_ms);
    if (rc < 0 && errno == EINTR) return true;
    if (rc <= 0) return true;  // timeout
    // Big reads: a streamed batch is ~150 KB, and each read() costs a poll and a syscall.
    if (read_buf_.empty()) read_buf_.resize(1 << 20);
    ssize_t n = ::read(in_fd_, read_buf_.data(), read_buf_.size());
    if (n < 0 && errno == EINTR) return true;
    if (n <= 0) {
        closed_ = true;
        return false;
    }
    auto& dec = decoder_of(decoder_);
    dec.feed(std::string_view(read_buf_.data(), static_cast<size_t>(n)));
    while (auto body = dec.next_body()) bodies_.push_back(std::move(*body));
    if (dec.failed()) {
        closed_ = true;
        throw ClientError("bad frame from the daemon: " + dec.error());
    }
    return true;
}

std::optional<Connection::Incoming> Connection::take_message() {
    while (!bodies_.empty()) {
        auto body = std::make_shared<const std::string>(std::move(bodies_.front()));
        bodies_.pop_front();
        // Event batches, nearly all of the traffic, straight into Events (json_reader.h).
        auto batch = spare_batch_ ? std::move(spare_batch_) : std::make_shared<EventBatch>();
        if (read_event_batch(body, *batch)) return Incoming{Json(), std::move(batch)};
        spare_batch_ = std::move(batch);
        Json j = read_json(*body);  // the fast reader; nlohmann decides what it declines
        if (j.is_discarded() || !j.is_object()) continue;  // nothing to answer: drop it
        return Incoming{std::move(j), nullptr};
    }
    return std::nullopt;
}

Notification Connection::notification_of(Incoming&& m) {
    if (m.batch) return Notification{"session/event", Json(), std::move(m.batch)};
    Notification n;
    n.method = m.message.value("method", "");
    if (auto it = m.message.find("params"); it != m.message.end()) n.params = std::move(*it);
    return n;
}

Json Connection::request(const std::string& method, Json params) {
    long id = next_id_++;
    Json msg = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
    if (!params.is_null()) msg["params"] = std::move(params);
    send(msg);
    for (;;) {
        while (auto in = take_message()) {
            const Json& m = in->message;
            if (!in->batch && m.contains("id") && m["id"] == id && !m.contains("method")) {
                if (m.contains("error")) {
                    const Json& e = m["error"];
                    throw ClientError(method + ": " + e.value("message", std::string("error")), e.value("code", 0));
                }
                return m.value("result", Json());
            }
            if (in->batch || m.contains("method")) queued_.push_back(notification_of(std::move(*in)));
        }
        if (!pump(-1)) throw ClientError("the daemon closed the connection (during " + method + ")");
    }
}

void Connection::notify(const std::string& method, Json params) {
    Json msg = {{"jsonrpc", "2.0"}, {"method", method}};
    if (!params.is_null() && !params.empty()) msg["params"] = std::move(params);
    send(msg);
}

std::optional<Notification> Connection::next_notification(int timeout_ms) {
    // One message read at a time (not every body at hand): a batch's events are handed
    // out before the next body is read, so its storage is recycled (recycle()) instead
    // of several ~600 KB batches being built at once.
    auto take_one = [&] {
        while (auto in = take_message())
            if (in->batch || in->message.contains("method")) {
                queued_.push_back(notification_of(std::move(*in)));
                return;
            }
    };
    for (;;) {
        if (!queued_.empty()) {
            Notification n = std::move(queued_.front());
            queued_.pop_front();
            return n;
        }
        take_one();
        if (!queued_.empty()) continue;
        if (closed_) return std::nullopt;
        size_t before = bodies_.size();
        if (!pump(timeout_ms)) return std::nullopt;
        if (bodies_.size() == before && timeout_ms >= 0) {
            take_one();
            if (queued_.empty()) return std::nullopt;
        }
    }
}

}  // namespace tl::client
