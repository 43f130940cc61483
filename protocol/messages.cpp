// JSON forms of the messages whose fields need checking beyond what the
// NLOHMANN_DEFINE_* macros do: optional fields and numbers that must fit.
#include "protocol/messages.h"

namespace tl::protocol {

void from_json(const Json& j, InitializeParams& p) {
  if (!j.is_null() && !j.is_object()) {
    throw RpcError(error_code::invalid_params, "initialize params must be an object");
  }
  p.processId = get_optional_int(j, "processId");
  p.token = get_optional_string(j, "token");
  if (const Json* info = find_param(j, "clientInfo"); info && !info->is_null()) {
    if (!info->is_object()) {
      throw RpcError(error_code::invalid_params, "params.clientInfo: expected an object");
    }
    ClientInfo ci;
    ci.name = get_string(*info, "name");
    ci.version = get_optional_string(*info, "version");
    p.clientInfo = std::move(ci);
  }
  if (const Json* caps = find_param(j, "capabilities"); caps && !caps->is_null()) {
    if (!caps->is_object()) {
      throw RpcError(error_code::invalid_params, "params.capabilities: expected an object");
    }
    p.capabilities = *caps;
  }
}

void to_json(Json& j, const InitializeParams& p) {
  j = Json::object();
  j["processId"] = p.processId ? Json(*p.processId) : Json(nullptr);
  if (p.clientInfo) {
    j["clientInfo"] = {{"name", p.clientInfo->name}};
    if (p.clientInfo->version) j["clientInfo"]["version"] = *p.clientInfo->version;
  }
  if (p.token) j["token"] = *p.token;
  j["capabilities"] = p.capabilities;
}

std::optional<CancelParams> parse_cancel_params(const Json& params) {
  if (!params.is_object()) return std::nullopt;
  auto it = params.find("id");
  if (it == params.end()) return std::nullopt;
  try {
    return CancelParams{to_request_id(*it, "params.id")};
  } catch (const RpcError&) {
    return std::nullopt;
  }
}

}  // namespace tl::protocol
