// Typed params and results of the methods in protocol/PROTOCOL.md, each beside its JSON
// form. Member names are the wire's camelCase names (the NLOHMANN_DEFINE_* macros use the
// member name as the key). Params that carry numbers decode through the checked
// accessors of jsonrpc.h, so a bad field is a -32602 naming that field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "protocol/jsonrpc.h"

namespace tl::protocol {

// Bumped when a change would break an existing client.
inline constexpr const char* kProtocolVersion = "0.1";

// ---- initialize ---------------------------------------------------------------

struct ClientInfo {
  std::string name;
  std::optional<std::string> version;
};

struct InitializeParams {
  std::optional<std::int64_t> processId;
  std::optional<ClientInfo> clientInfo;
  // Required from TCP clients (printed by the daemon or read from --token-file).
  std::optional<std::string> token;
  // What the client can take; opaque until a method needs to know.
  Json capabilities = Json::object();
};
void from_json(const Json& j, InitializeParams& p);
void to_json(Json& j, const InitializeParams& p);

struct ServerInfo {
  std::string name;
  std::string version;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ServerInfo, name, version)

// Only what the daemon really has. Session work adds its flags here.
struct ServerCapabilities {
  bool supportsCancelRequest = true;
  bool supportsEventStream = false;  // true once a public method can subscribe
  bool supportsTestMethods = false;  // the test/* methods of --enable-test-methods
  bool supportsSessions = false;     // session/*, tasks/list, task/*, breakpoints/set
  bool supportsDiagnostics = false;  // `diagnostic` events in sessions
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ServerCapabilities, supportsCancelRequest,
                                   supportsEventStream, supportsTestMethods, supportsSessions,
                                   supportsDiagnostics)

struct ServerLimits {
  std::uint64_t maxBodyBytes = 0;
  int maxJsonDepth = kMaxJsonDepth;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(ServerLimits, maxBodyBytes, maxJsonDepth)

struct InitializeResult {
  ServerInfo serverInfo;
  std::string protocolVersion = kProtocolVersion;
  ServerCapabilities capabilities;
  ServerLimits limits;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(InitializeResult, serverInfo, protocolVersion,
                                   capabilities, limits)

// ---- $/cancelRequest ----------------------------------------------------------

struct CancelParams {
  RequestId id;
};
// nullopt when the params carry no usable id (the notification is then ignored).
std::optional<CancelParams> parse_cancel_params(const Json& params);

// ---- session events (notifications) -------------------------------------------

inline constexpr const char* kSessionEvent = "session/event";
inline constexpr const char* kSessionEventsDropped = "session/eventsDropped";

// `session/event`: {session, events: [...]}, events in `seq` order. Built by
// server/event_stream without this struct (each event is dumped once for all
// subscribers); listed for clients.
struct SessionEventParams {
  std::string session;
  Json events = Json::array();
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SessionEventParams, session, events)

// `session/eventsDropped`: the events fromSeq..toSeq of `session` (count of them) were
// not delivered because the client read too slowly; re-sync from a snapshot.
struct EventsDroppedParams {
  std::string session;
  std::int64_t fromSeq = 0;
  std::int64_t toSeq = 0;
  std::int64_t count = 0;
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(EventsDroppedParams, session, fromSeq, toSeq, count)

}  // namespace tl::protocol
