// Dispatch of one connection's messages: envelope errors, lifecycle gating, duplicate
// ids, cancellation, and the exactly-once reply. A handler may answer synchronously,
// keep its Reply and answer later, throw (-32603, or its RpcError's code), or drop the
// Reply unanswered (-32603); in every case the client gets one answer.
#include "daemon/server/dispatcher.h"

#include <stdexcept>

#include <spdlog/spdlog.h>

namespace tl::server {

using protocol::RequestId;
using protocol::RpcError;
namespace code = protocol::error_code;

namespace detail {

struct PendingCall {
  explicit PendingCall(RequestId request_id) : id(std::move(request_id)) {}

  RequestId id;
  std::string method;
  std::weak_ptr<Client> client;
  bool answered = false;
  bool cancelled = false;
  // Set while the handler runs synchronously: a Reply dropped then is answered by the
  // dispatcher, which knows whether an exception is on its way.
  bool in_handler = false;
  bool dropped = false;
  std::function<void()> on_cancel;

  void run_cancel_hook() {
    cancelled = true;
    if (auto f = std::move(on_cancel)) {
      on_cancel = nullptr;
      f();
    }
  }
};

}  // namespace detail

// ---- Reply --------------------------------------------------------------------

Reply::Reply(std::shared_ptr<detail::PendingCall> call) : call_(std::move(call)) {}

Reply& Reply::operator=(Reply&& other) noexcept {
  if (this != &other) {
    Reply dying(std::move(*this));  // answers -32603 if it was unanswered
    call_ = std::move(other.call_);
  }
  return *this;
}

Reply::~Reply() {
  if (!call_ || call_->answered) return;
  if (call_->in_handler) {
    call_->dropped = true;
    return;
  }
  error(code::internal_error, "the handler of " + call_->method + " dropped the request");
}

void Reply::result(Json value) {
  if (!call_) return;
  std::shared_ptr<detail::PendingCall> call = std::move(call_);
  if (call->answered) {
    spdlog::debug("reply to {} after it was answered: ignored", call->id.to_string());
    return;
  }
  if (auto client = call->client.lock()) {
    client->answer(*call, protocol::make_result(call->id, std::move(value)));
  } else {
    call->answered = true;
  }
}

void Reply::error(int c, const std::string& message, Json data) {
  error(RpcError(c, message, std::move(data)));
}

void Reply::error(const RpcError& e) {
  if (!call_) return;
  std::shared_ptr<detail::PendingCall> call = std::move(call_);
  if (call->answered) return;
  if (auto client = call->client.lock()) {
    client->answer(*call, protocol::make_error(call->id.to_json(), e));
  } else {
    call->answered = true;
  }
}

bool Reply::cancelled() const { return !call_ || call_->cancelled; }

void Reply::on_cancel(std::function<void()> f) {
  if (!call_) return;
  if (call_->cancelled) {
    f();
    return;
  }
  call_->on_cancel = std::move(f);
}

const RequestId& Reply::id() const {
  if (!call_) throw std::logic_error("Reply::id() after the reply was sent or moved");
  return call_->id;
}

// ---- MethodTable --------------------------------------------------------------

void MethodTable::bind(std::string method, RequestHandler handler) {
  requests_[std::move(method)] = std::move(handler);
}

void MethodTable::bind_notification(std::string method, NotificationHandler handler) {
  notifications_[std::move(method)] = std::move(handler);
}

const RequestHandler* MethodTable::find_request(std::string_view method) const {
  auto it = requests_.find(method);
  return it == requests_.end() ? nullptr : &it->second;
}

const NotificationHandler* MethodTable::find_notification(std::string_view method) const {
  auto it = notifications_.find(method);
  return it == notifications_.end() ? nullptr : &it->second;
}

// ---- Client -------------------------------------------------------------------

Client::Client(std::shared_ptr<Transport> transport, const MethodTable& methods)
    : transport_(std::move(transport)), methods_(methods) {}

Client::~Client() = default;

void Client::on_message(std::string body) {
  if (!connected_) return;
  protocol::Message message = protocol::parse_message(body);
  body.clear();
  if (auto* request = std::get_if<protocol::Request>(&message)) {
    handle_request(std::move(*request));
  } else if (auto* note = std::get_if<protocol::Notification>(&message)) {
    handle_notification(*note);
  } else if (auto* invalid = std::get_if<protocol::Invalid>(&message)) {
    spdlog::debug("client {}: invalid message: {}", id(), invalid->error.what());
    send_error(invalid->id, invalid->error);
  } else {
    // The daemon sends no requests, so a response answers nothing.
    spdlog::debug("client {}: ignoring a response", id());
  }
}

void Client::send_error(const Json& request_id, const RpcError& e) {
  transport_->send(protocol::dump(protocol::make_error(request_id, e)), Traffic::reply);
}

void Client::handle_request(protocol::Request request) {
  const Json id_json = request.id.to_json();
  if (in_flight_.count(request.id) != 0) {
    // The original keeps its own single answer; this one is refused.
    return send_error(id_json, RpcError(code::invalid_request,
                                        "request id " + request.id.to_string() +
                                            " is already in flight"));
  }
  const bool is_initialize = request.method == "initialize";
  if (lifecycle_ == Lifecycle::shut_down) {
    return send_error(id_json,
                      RpcError(code::invalid_request, "the server is shutting down"));
  }
  if (lifecycle_ == Lifecycle::uninitialized && !is_initialize) {
    return send_error(id_json,
                      RpcError(code::server_not_initialized, "the server is not initialized"));
  }
  if (lifecycle_ == Lifecycle::initialized && is_initialize) {
    return send_error(id_json,
                      RpcError(code::invalid_request, "initialize was already called"));
  }
  const RequestHandler* handler = methods_.find_request(request.method);
  if (handler == nullptr) {
    // Unknown methods, `$/` requests included, and notification-only methods.
    return send_error(id_json, RpcError(code::method_not_found,
                                        "method not found: " + request.method));
  }

  auto call = std::make_shared<detail::PendingCall>(request.id);
  call->method = request.method;
  call->client = weak_from_this();
  in_flight_.emplace(request.id, call);
  // Keep this client alive through the handler even if it disconnects meanwhile.
  std::shared_ptr<Client> keep = shared_from_this();

  std::optional<RpcError> failure;
  call->in_handler = true;
  try {
    (*handler)(*this, request.params, Reply(call));
  } catch (const RpcError& e) {
    failure = e;
  } catch (const std::exception& e) {
    spdlog::error("client {}: {} threw: {}", id(), request.method, e.what());
    failure = RpcError(code::internal_error, std::string("internal error: ") + e.what());
  } catch (...) {
    spdlog::error("client {}: {} threw a non-exception", id(), request.method);
    failure = RpcError(code::internal_error, "internal error");
  }
  call->in_handler = false;
  if (call->answered) return;
  if (failure) {
    answer(*call, protocol::make_error(id_json, *failure));
  } else if (call->dropped) {
    answer(*call, protocol::make_error(
                      id_json, RpcError(code::internal_error, "the handler of " +
                                                                  request.method +
                                                                  " returned without replying")));
  }
  // Otherwise the handler kept its Reply and answers later.
}

void Client::handle_notification(const protocol::Notification& note) {
  // As in LSP, notifications before initialize are dropped, except exit.
  if (lifecycle_ == Lifecycle::uninitialized && note.method != "exit") {
    spdlog::debug("client {}: {} before initialize: dropped", id(), note.method);
    return;
  }
  const NotificationHandler* handler = methods_.find_notification(note.method);
  if (handler == nullptr) {
    // Unknown notifications, `$/` ones included, are ignored.
    spdlog::debug("client {}: unknown notification {}: ignored", id(), note.method);
    return;
  }
  std::shared_ptr<Client> keep = shared_from_this();
  try {
    (*handler)(*this, note.params);
  } catch (const std::exception& e) {
    spdlog::error("client {}: notification {} threw: {}", id(), note.method, e.what());
  } catch (...) {
    spdlog::error("client {}: notification {} threw a non-exception", id(), note.method);
  }
}

void Client::answer(detail::PendingCall& call, Json message) {
  if (call.answered) return;
  call.answered = true;
  auto it = in_flight_.find(call.id);
  if (it != in_flight_.end() && it->second.get() == &call) in_flight_.erase(it);
  if (connected_) transport_->send(protocol::dump(message), Traffic::reply);
}

void Client::cancel(const RequestId& request_id) {
  auto it = in_flight_.find(request_id);
  if (it == in_flight_.end()) {
    spdlog::debug("client {}: cancel of {}: not pending, ignored", id(), request_id.to_string());
    return;
  }
  std::shared_ptr<detail::PendingCall> call = it->second;
  answer(*call, protocol::make_error(request_id.to_json(),
                                     RpcError(code::request_cancelled, "request cancelled")));
  call->run_cancel_hook();
}

void Client::notify(std::string_view method, Json params) {
  if (!connected_) return;
  transport_->send(protocol::dump(protocol::make_notification(method, std::move(params))),
                   Traffic::notice);
}

void Client::on_disconnect_do(std::function<void()> f) {
  disconnect_hooks_.push_back(std::move(f));
}

void Client::on_disconnect() {
  if (!connected_) return;
  connected_ = false;
  std::shared_ptr<Client> keep = shared_from_this();
  // Pending requests can no longer be answered: stop their work.
  auto pending = std::move(in_flight_);
  in_flight_.clear();
  for (auto& [request_id, call] : pending) {
    call->answered = true;
    call->run_cancel_hook();
  }
  auto hooks = std::move(disconnect_hooks_);
  disconnect_hooks_.clear();
  for (auto& hook : hooks) hook();
}

}  // namespace tl::server
