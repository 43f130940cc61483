// The method table and the per-connection dispatcher. Every method is bound once in
// one MethodTable (handlers_*.cpp, one file per domain) with a fixed signature; the
// Dispatcher applies the lifecycle rules of protocol/PROTOCOL.md before any handler
// runs, and a Reply answers each request exactly once (clangd's ReplyOnce).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "daemon/server/transport.h"
#include "protocol/jsonrpc.h"

namespace tl::server {

using protocol::Json;

class Client;

namespace detail {
struct PendingCall;
}

// Answers one request exactly once. Move-only. If it is destroyed unanswered, the
// request gets -32603; answers after the first (or after a cancel) are ignored.
class Reply {
 public:
  explicit Reply(std::shared_ptr<detail::PendingCall> call);
  Reply(Reply&&) noexcept = default;
  Reply& operator=(Reply&&) noexcept;
  Reply(const Reply&) = delete;
  Reply& operator=(const Reply&) = delete;
  ~Reply();

  void result(Json value);
  void error(int code, const std::string& message, Json data = nullptr);
  void error(const protocol::RpcError& e);

  // True once the client cancelled the request (it was answered -32800 then) or left.
  bool cancelled() const;
  // Runs when the request is cancelled or its client disconnects, for async handlers
  // that hold timers or work to stop. Runs at most once.
  void on_cancel(std::function<void()> f);
  // The request's id; only while this Reply still holds the request (not after
  // answering or moving it).
  const protocol::RequestId& id() const;

 private:
  std::shared_ptr<detail::PendingCall> call_;
};

using RequestHandler = std::function<void(Client& client, const Json& params, Reply reply)>;
using NotificationHandler = std::function<void(Client& client, const Json& params)>;

// Every method the daemon serves, bound once at startup.
class MethodTable {
 public:
  void bind(std::string method, RequestHandler handler);
  void bind_notification(std::string method, NotificationHandler handler);
  const RequestHandler* find_request(std::string_view method) const;
  const NotificationHandler* find_notification(std::string_view method) const;

 private:
  std::map<std::string, RequestHandler, std::less<>> requests_;
  std::map<std::string, NotificationHandler, std::less<>> notifications_;
};

// LSP's lifecycle, per connection.
enum class Lifecycle {
  uninitialized,  // only `initialize` (and `exit`) are served
  initialized,    // after a successful `initialize`
  shut_down,      // after `shutdown`: requests get -32600, `exit` ends with 0
};

// One connected client as handlers see it, and the dispatcher for its messages.
class Client : public MessageHandler, public std::enable_shared_from_this<Client> {
 public:
  Client(std::shared_ptr<Transport> transport, const MethodTable& methods);
  ~Client() override;

  // MessageHandler
  void on_message(std::string body) override;
  void on_disconnect() override;

  std::uint64_t id() const { return transport_->id(); }
  TransportKind kind() const { return transport_->kind(); }
  const std::shared_ptr<Transport>& transport() const { return transport_; }
  Lifecycle lifecycle() const { return lifecycle_; }
  void set_lifecycle(Lifecycle state) { lifecycle_ = state; }
  bool connected() const { return connected_; }

  // Sends a notification (never dropped; events go through EventStream instead).
  void notify(std::string_view method, Json params);
  // Answers the pending request `id` with -32800; unknown or finished ids are ignored.
  void cancel(const protocol::RequestId& id);
  void close_after_flush() { transport_->close_after_flush(); }
  // Runs `f` when the connection closes (sessions drop what this client held).
  void on_disconnect_do(std::function<void()> f);

  std::size_t pending_requests() const { return in_flight_.size(); }

 private:
  friend class Reply;
  void handle_request(protocol::Request request);
  void handle_notification(const protocol::Notification& note);
  void send_error(const Json& id, const protocol::RpcError& e);
  void answer(detail::PendingCall& call, Json message);

  std::shared_ptr<Transport> transport_;
  const MethodTable& methods_;
  Lifecycle lifecycle_ = Lifecycle::uninitialized;
  bool connected_ = true;
  std::unordered_map<protocol::RequestId, std::shared_ptr<detail::PendingCall>,
                     protocol::RequestIdHash>
      in_flight_;
  std::vector<std::function<void()>> disconnect_hooks_;
};

}  // namespace tl::server
