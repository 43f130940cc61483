// JSON-RPC 2.0 parsing and building on nlohmann/json. Depth is capped inside the
// parser's callback; numbers too large for a double are kept as +-infinity so a handler
// answers -32602 for them instead of the whole body being called unparseable.
#include "protocol/jsonrpc.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <random>

namespace tl::protocol {
namespace {

struct TooDeep {};

// nlohmann refuses `1e400` (error 406) although it is valid JSON. On that error the
// body is parsed again with each such number replaced by a string carrying this
// per-process prefix, and the parser callback turns those strings into +-infinity.
const std::string& overflow_marker() {
  static const std::string marker = [] {
    std::random_device rd;
    std::string m = "tl-overflow-";
    for (int i = 0; i < 4; ++i) m += std::to_string(rd());
    return m;
  }();
  return marker;
}

// JSON number grammar (RFC 8259 section 6): the rewrite must not make invalid
// numbers such as `1.e400` acceptable.
bool is_json_number(std::string_view t) {
  std::size_t i = 0;
  auto digits = [&] {
    std::size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    return i > start;
  };
  if (i < t.size() && t[i] == '-') ++i;
  if (i < t.size() && t[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == t.size();
}

// Returns the body with overflowing numbers replaced, or nullopt if none was found.
std::optional<std::string> rewrite_overflowing_numbers(std::string_view body) {
  std::string out;
  out.reserve(body.size() + 64);
  bool changed = false;
  bool in_string = false;
  for (std::size_t i = 0; i < body.size();) {
    char c = body[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < body.size()) {
        out += body[i + 1];
        i += 2;
        continue;
      }
      if (c == '"') in_string = false;
      ++i;
      continue;
    }
    if (c == '"') {
      in_string = true;
      out += c;
      ++i;
      continue;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      while (end < body.size() &&
             std::string_view("0123456789+-.eE").find(body[end]) != std::string_view::npos) {
        ++end;
      }
      std::string token(body.substr(i, end - i));
      errno = 0;
      double v = std::strtod(token.c_str(), nullptr);
      if (is_json_number(token) && errno == ERANGE && std::isinf(v)) {
        out += '"';
        out += overflow_marker();
        out += v > 0 ? '+' : '-';
        out += '"';
        changed = true;
      } else {
        out += token;
      }
      i = end;
      continue;
    }
    out += c;
    ++i;
  }
  if (!changed) return std::nullopt;
  return out;
}

void parse_json(std::string_view body, Json& out, bool map_overflow) {
  auto callback = [map_overflow](int depth, Json::parse_event_t event, Json& parsed) {
    if ((event == Json::parse_event_t::object_start ||
         event == Json::parse_event_t::array_start) &&
        depth >= kMaxJsonDepth) {
      // Abort here: returning false would still walk the whole deep input.
      throw TooDeep{};
    }
    if (map_overflow && event == Json::parse_event_t::value && parsed.is_string()) {
      const auto& s = parsed.get_ref<const std::string&>();
      const std::string& marker = overflow_marker();
      if (s.size() == marker.size() + 1 && s.compare(0, marker.size(), marker) == 0) {
        double inf = std::numeric_limits<double>::infinity();
        parsed = s.back() == '+' ? inf : -inf;
      }
    }
    return true;
  };
  out = Json::parse(body.begin(), body.end(), callback, /*allow_exceptions=*/true,
                    /*ignore_comments=*/false);
}

Invalid invalid(Json id, int code, const std::string& message) {
  return Invalid{std::move(id), RpcError(code, message)};
}

std::string describe(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::string: return "a string";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    case Json::value_t::binary: return "binary";
    case Json::value_t::discarded: return "nothing";
    case Json::value_t::number_float: return "a non-integer number";
    default: return "an integer";
  }
}

std::optional<RequestId> usable_id(const Json& id) {
  if (id.is_number_integer() && !id.is_number_unsigned()) {
    return RequestId(id.get<std::int64_t>());
  }
  if (id.is_number_unsigned() &&
      id.get<std::uint64_t>() <= std::uint64_t(std::numeric_limits<std::int64_t>::max())) {
    return RequestId(static_cast<std::int64_t>(id.get<std::uint64_t>()));
  }
  if (id.is_string()) return RequestId(id.get<std::string>());
  return std::nullopt;
}

[[noreturn]] void bad_param(std::string_view what, const std::string& why) {
  throw RpcError(error_code::invalid_params, std::string(what) + ": " + why);
}

std::string param_name(std::string_view key) { return "params." + std::string(key); }

}  // namespace

Json RequestId::to_json() const {
  if (is_int()) return as_int();
  return as_string();
}

std::string RequestId::to_string() const {
  if (is_int()) return std::to_string(as_int());
  return dump(Json(as_string()));
}

std::size_t RequestIdHash::operator()(const RequestId& id) const {
  if (id.is_int()) return std::hash<std::int64_t>()(id.as_int());
  return std::hash<std::string>()(id.as_string()) ^ 0x9e3779b97f4a7c15ull;
}

Json RpcError::to_json() const {
  Json e = {{"code", code_}, {"message", what()}};
  if (!data_.is_null()) e["data"] = data_;
  return e;
}

Message parse_message(std::string_view body) {
  Json doc;
  try {
    try {
      parse_json(body, doc, false);
    } catch (const Json::out_of_range& e) {
      // 406: a number beyond double's range. Valid JSON; the handler decides.
      if (e.id != 406) throw;
      std::optional<std::string> rewritten = rewrite_overflowing_numbers(body);
      if (!rewritten) throw;
      parse_json(*rewritten, doc, true);
    }
  } catch (const TooDeep&) {
    return invalid(nullptr, error_code::invalid_request,
                   "JSON nested deeper than " + std::to_string(kMaxJsonDepth));
  } catch (const Json::exception& e) {
    // Not JSON, or not UTF-8 (nlohmann validates every string's encoding).
    return invalid(nullptr, error_code::parse_error, std::string("parse error: ") + e.what());
  }

  if (doc.is_array()) {
    return invalid(nullptr, error_code::invalid_request, "batch requests are not supported");
  }
  if (!doc.is_object()) {
    return invalid(nullptr, error_code::invalid_request, "a message must be a JSON object");
  }

  // Echo a usable id in the error when there is one; otherwise the id is null.
  Json echo_id = nullptr;
  std::optional<RequestId> id;
  auto id_it = doc.find("id");
  bool has_id = id_it != doc.end();
  if (has_id) {
    id = usable_id(*id_it);
    if (id) echo_id = id->to_json();
  }

  auto version = doc.find("jsonrpc");
  if (version == doc.end() || !version->is_string() || *version != "2.0") {
    return invalid(echo_id, error_code::invalid_request, "\"jsonrpc\": \"2.0\" is required");
  }

  auto method = doc.find("method");
  if (method == doc.end()) {
    // A reply from the peer.
    auto result = doc.find("result");
    auto error = doc.find("error");
    if (!has_id || (result == doc.end()) == (error == doc.end())) {
      return invalid(echo_id, error_code::invalid_request,
                     "a message needs a \"method\", or an \"id\" with one of "
                     "\"result\" and \"error\"");
    }
    if (!id && !id_it->is_null()) {
      return invalid(nullptr, error_code::invalid_request,
                     "id must be an integer or a string");
    }
    Response r{id, nullptr, std::nullopt};
    if (result != doc.end()) {
      r.result = std::move(*result);
    } else {
      const Json& e = *error;
      auto code = e.is_object() ? e.find("code") : e.end();
      if (!e.is_object() || code == e.end() || !code->is_number_integer() ||
          *code < std::numeric_limits<int>::min() || *code > std::numeric_limits<int>::max()) {
        return invalid(echo_id, error_code::invalid_request, "malformed error object");
      }
      std::string message;
      if (auto m = e.find("message"); m != e.end() && m->is_string()) message = *m;
      Json data = nullptr;
      if (auto d = e.find("data"); d != e.end()) data = *d;
      r.error.emplace(code->get<int>(), message, std::move(data));
    }
    return r;
  }

  if (!method->is_string()) {
    return invalid(echo_id, error_code::invalid_request, "method must be a string");
  }
  if (has_id && !id) {
    // A float, a bool, an object, an array, an integer past int64, or null: LSP ids
    // are integers or strings, and an id we cannot echo exactly is no id.
    return invalid(nullptr, error_code::invalid_request,
                   "id must be an integer or a string, not " + describe(*id_it));
  }
  Json params = nullptr;
  if (auto p = doc.find("params"); p != doc.end()) {
    if (!p->is_object() && !p->is_array()) {
      return invalid(echo_id, error_code::invalid_request,
                     "params must be an object or an array, not " + describe(*p));
    }
    params = std::move(*p);
  }
  std::string name = method->get<std::string>();
  if (id) return Request{std::move(*id), std::move(name), std::move(params)};
  return Notification{std::move(name), std::move(params)};
}

Json make_result(const RequestId& id, Json result) {
  return {{"jsonrpc", "2.0"}, {"id", id.to_json()}, {"result", std::move(result)}};
}

Json make_error(const Json& id, const RpcError& error) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", error.to_json()}};
}

Json make_notification(std::string_view method, Json params) {
  Json n = {{"jsonrpc", "2.0"}, {"method", method}};
  if (!params.is_null()) n["params"] = std::move(params);
  return n;
}

std::string dump(const Json& message) {
  return message.dump(-1, ' ', false, Json::error_handler_t::replace);
}

const Json* find_param(const Json& params, std::string_view key) {
  if (params.is_null()) return nullptr;
  if (!params.is_object()) {
    throw RpcError(error_code::invalid_params, "params must be an object");
  }
  auto it = params.find(key);
  return it == params.end() ? nullptr : &*it;
}

std::int64_t to_int(const Json& v, std::string_view what) {
  if (v.is_number_unsigned()) {
    if (v.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max())) {
      bad_param(what, "integer out of range");
    }
    return static_cast<std::int64_t>(v.get<std::uint64_t>());
  }
  if (v.is_number_integer()) return v.get<std::int64_t>();
  if (v.is_number_float()) {
    // Integer tokens past int64/uint64 arrive here as rounded doubles (and 1e400 as
    // infinity): past 2^53 a double no longer says which integer the client wrote.
    double d = v.get<double>();
    if (std::isinf(d) || std::fabs(d) > 9007199254740992.0) {
      bad_param(what, "integer out of range");
    }
    if (std::isnan(d) || std::trunc(d) != d) bad_param(what, "expected an integer");
    return static_cast<std::int64_t>(d);
  }
  bad_param(what, "expected an integer, got " + describe(v));
}

double to_number(const Json& v, std::string_view what) {
  if (!v.is_number()) bad_param(what, "expected a number, got " + describe(v));
  double d = v.get<double>();
  if (!std::isfinite(d)) bad_param(what, "number out of range");
  return d;
}

RequestId to_request_id(const Json& v, std::string_view what) {
  std::optional<RequestId> id = usable_id(v);
  if (!id) bad_param(what, "expected an integer or a string id");
  return *id;
}

std::int64_t get_int(const Json& params, std::string_view key) {
  const Json* v = find_param(params, key);
  if (!v) bad_param(param_name(key), "required");
  return to_int(*v, param_name(key));
}

std::optional<std::int64_t> get_optional_int(const Json& params, std::string_view key) {
  const Json* v = find_param(params, key);
  if (!v || v->is_null()) return std::nullopt;
  return to_int(*v, param_name(key));
}

double get_number(const Json& params, std::string_view key) {
  const Json* v = find_param(params, key);
  if (!v) bad_param(param_name(key), "required");
  return to_number(*v, param_name(key));
}

std::string get_string(const Json& params, std::string_view key) {
  const Json* v = find_param(params, key);
  if (!v) bad_param(param_name(key), "required");
  if (!v->is_string()) bad_param(param_name(key), "expected a string, got " + describe(*v));
  return v->get<std::string>();
}

std::optional<std::string> get_optional_string(const Json& params, std::string_view key) {
  const Json* v = find_param(params, key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) bad_param(param_name(key), "expected a string, got " + describe(*v));
  return v->get<std::string>();
}

bool get_bool(const Json& params, std::string_view key, bool fallback) {
  const Json* v = find_param(params, key);
  if (!v || v->is_null()) return fallback;
  if (!v->is_boolean()) bad_param(param_name(key), "expected a boolean, got " + describe(*v));
  return v->get<bool>();
}

}  // namespace tl::protocol
