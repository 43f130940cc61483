// A blocking JSON-RPC connection to tasklensd, the client's only way to the daemon: it
// spawns `tasklensd --stdio` (the default) or connects to `unix:PATH` / `tcp:HOST:PORT`,
// frames messages with protocol/framing.h and runs the `initialize` handshake.
#pragma once
#include <nlohmann/json.hpp>

#include <deque>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <sys/types.h>

namespace tl::client {

// Ordered, so that events keep the field order the daemon wrote (jsonl output).
using Json = nlohmann::ordered_json;

// A failure the user is told about in one line: connection trouble, or an error reply.
struct ClientError : std::runtime_error {
    ClientError(const std::string& what, int rpc_code = 0) : std::runtime_error(what), code(rpc_code) {}
    int code;  // the JSON-RPC error code, 0 for I/O and local errors
};

struct EventBatch;  // client/json_reader.h

// A notification from the daemon. `session/event` batches come read straight into Events
// (`events`, params left null); every other notification, and a batch the fast reader
// declined, comes as its `params`.
struct Notification {
    std::string method;
    Json params;
    std::shared_ptr<EventBatch> events;
};

struct ConnectOptions {
    std::string connect;      // "" = spawn tasklensd --stdio; "unix:PATH"; "tcp:HOST:PORT"
    std::string token;        // TCP token (or read from token_file)
    std::string token_file;
    std::string self_path;    // argv[0] of tasklens, to find tasklensd beside it
};

// Where tasklensd is: $TASKLENSD, else beside this binary, else "tasklensd" on PATH.
std::string find_daemon(const std::string& self_path);

class Connection {
public:
    // Opens and initializes; throws ClientError with a one-line reason.
    static std::unique_ptr<Connection> open(const ConnectOptions& options);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Sends a request and waits for its answer; notifications that arrive meanwhile are
    // queued for next_notification(). An error reply throws ClientError(message, code).
    Json request(const std::string& method, Json params = Json::object());
    void notify(const std::string& method, Json params = Json::object());
    // The next queued or arriving notification; nullopt on timeout (ms, -1 = wait) or
    // when the daemon closed the connection (then closed() is true).
    std::optional<Notification> next_notification(int timeout_ms);
    bool has_queued() const { return !queued_.empty(); }
    // Hands back a batch whose events were all taken, so the next batch reuses its
    // storage (a batch of 2,048 events is ~600 KB: a fresh one per batch costs page faults).
    void recycle(std::shared_ptr<EventBatch> batch) { spare_batch_ = std::move(batch); }
    bool closed() const { return closed_; }
    int fd() const { return in_fd_; }
    const Json& initialize_result() const { return init_result_; }
    // True when the daemon documents `method` (its capabilities or a probe said so).
    bool supports_sessions() const;

private:
    Connection() = default;
    void send(const Json& message);
    // Reads whatever is available (waiting at most timeout_ms) into the decoder and moves
    // whole messages to pending_; false on EOF/error.
    bool pump(int timeout_ms);
    // The next message: a reply or a notification as Json, or (`batch` set) an event batch.
    struct Incoming {
        Json message;
        std::shared_ptr<EventBatch> batch;
    };
    std::optional<Incoming> take_message();
    static Notification notification_of(Incoming&& m);

    int in_fd_ = -1, out_fd_ = -1;
    pid_t child_ = -1;
    bool closed_ = false;
    long next_id_ = 1;
    std::deque<Notification> queued_;   // notifications not yet handed out
    std::shared_ptr<EventBatch> spare_batch_;
    std::deque<std::string> bodies_;
    std::string read_buf_;   // pump()'s read buffer, allocated on first use
    std::shared_ptr<void> decoder_;  // protocol::FrameDecoder, kept out of this header
    Json init_result_;
};

}  // namespace tl::client
