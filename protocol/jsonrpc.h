// JSON-RPC 2.0 envelope: turns one framed body into a request, notification, response,
// or the error reply it deserves; builds outgoing messages; gives handlers checked
// accessors so a bad parameter is a -32602 with a message, never a wrap or a crash.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

namespace tl::protocol {

using Json = nlohmann::json;

namespace error_code {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
inline constexpr int server_not_initialized = -32002;
inline constexpr int request_cancelled = -32800;
}  // namespace error_code

// Deeper bodies are refused before their deep part is built (dump() and copies of a
// nlohmann value recurse, so a deep value must never exist).
inline constexpr int kMaxJsonDepth = 128;

// An id as the client sent it: 1 and "1" are different ids, and both echo exactly.
class RequestId {
 public:
  explicit RequestId(std::int64_t n) : value_(n) {}
  explicit RequestId(std::string s) : value_(std::move(s)) {}

  bool is_int() const { return std::holds_alternative<std::int64_t>(value_); }
  std::int64_t as_int() const { return std::get<std::int64_t>(value_); }
  const std::string& as_string() const { return std::get<std::string>(value_); }
  Json to_json() const;
  // For logs: 7 or "7".
  std::string to_string() const;

  friend bool operator==(const RequestId&, const RequestId&) = default;
  friend struct RequestIdHash;

 private:
  std::variant<std::int64_t, std::string> value_;
};

struct RequestIdHash {
  std::size_t operator()(const RequestId& id) const;
};

// An error a handler reports: thrown (the dispatcher answers with it) or passed to a
// reply. Codes outside the error_code list are the method's own.
class RpcError : public std::runtime_error {
 public:
  RpcError(int code, const std::string& message, Json data = nullptr)
      : std::runtime_error(message), code_(code), data_(std::move(data)) {}
  int code() const { return code_; }
  const Json& data() const { return data_; }
  Json to_json() const;

 private:
  int code_;
  Json data_;
};

struct Request {
  RequestId id;
  std::string method;
  Json params;  // null when absent, else an object or an array
};

struct Notification {
  std::string method;
  Json params;
};

// A reply the peer sent us (the client side uses these; the daemon sends no requests).
struct Response {
  std::optional<RequestId> id;  // null only in error replies to unparseable requests
  Json result;
  std::optional<RpcError> error;
};

// A body that is not a usable message: answer with `error`, echoing `id` (null when the
// body had no usable id).
struct Invalid {
  Json id;
  RpcError error;
};

using Message = std::variant<Request, Notification, Response, Invalid>;

// Parses one body. Never throws, never recurses on the input's depth.
Message parse_message(std::string_view body);

// Builders. Every outgoing message goes through dump(), whose `replace` error handler
// turns invalid UTF-8 in daemon-built strings into U+FFFD instead of throwing.
Json make_result(const RequestId& id, Json result);
Json make_error(const Json& id, const RpcError& error);
Json make_notification(std::string_view method, Json params);
std::string dump(const Json& message);

// Checked parameter access for handlers. Each throws RpcError(invalid_params) whose
// message names the field: "params.processId: integer out of range".
// `params` must be an object (or null, which reads as an empty object).
const Json* find_param(const Json& params, std::string_view key);
std::int64_t get_int(const Json& params, std::string_view key);
std::optional<std::int64_t> get_optional_int(const Json& params, std::string_view key);
double get_number(const Json& params, std::string_view key);
std::string get_string(const Json& params, std::string_view key);
std::optional<std::string> get_optional_string(const Json& params, std::string_view key);
bool get_bool(const Json& params, std::string_view key, bool fallback);
// The conversions behind the accessors, for values found some other way; `what` names
// the value in the message.
std::int64_t to_int(const Json& value, std::string_view what);
double to_number(const Json& value, std::string_view what);
RequestId to_request_id(const Json& value, std::string_view what);

// Decodes typed params with their from_json, mapping nlohmann's type errors to -32602.
template <typename T>
T params_as(const Json& params) {
  try {
    return params.get<T>();
  } catch (const RpcError&) {
    throw;
  } catch (const nlohmann::json::exception& e) {
    throw RpcError(error_code::invalid_params, std::string("invalid params: ") + e.what());
  }
}

}  // namespace tl::protocol
