// The session domain (protocol/PROTOCOL.md, "Sessions"): session/*, tasks/list,
// task/cancel, task/uncancel, breakpoints/set. Handlers check params and call the
// SessionHub, which owns the sessions and the subscriptions.
#include <fstream>
#include <memory>
#include <sstream>

#include "daemon/runtime/semantics.h"
#include "daemon/server/handlers.h"
#include "daemon/server/session_hub.h"

namespace tl::server {

namespace {

namespace code = protocol::error_code;
using session::ScenarioSession;

[[noreturn]] void invalid(const std::string& message, Json data = nullptr) {
    throw protocol::RpcError(code::invalid_params, message, std::move(data));
}

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return static_cast<bool>(in) || in.eof();
}

std::vector<std::string> string_list(const Json& params, const char* key) {
    std::vector<std::string> out;
    const Json* v = protocol::find_param(params, key);
    if (!v || v->is_null()) return out;
    if (!v->is_array()) invalid(std::string("params.") + key + ": an array of strings");
    for (const Json& x : *v) {
        if (!x.is_string()) invalid(std::string("params.") + key + ": an array of strings");
        out.push_back(x.get<std::string>());
    }
    return out;
}

session::SessionConfig read_config(const Json& params) {
    session::SessionConfig c;
    auto source = protocol::get_optional_string(params, "source");
    auto path = protocol::get_optional_string(params, "path");
    if (source.has_value() == path.has_value()) invalid("params.source: exactly one of source and path");
    if (path) {
        if (!read_file(*path, c.source)) invalid("params.path: cannot read " + *path);
        c.name = *path;
    } else {
        c.source = *source;
    }
    if (auto name = protocol::get_optional_string(params, "name")) c.name = *name;
    if (auto py = protocol::get_optional_string(params, "python")) {
        auto v = rt::parse_version(*py);
        if (!v) invalid("params.python: one of 3.11, 3.12, 3.13, 3.14");
        c.version = *v;
    }
    if (auto clock = protocol::get_optional_string(params, "clock")) {
        if (*clock != "virtual" && *clock != "real") invalid("params.clock: virtual or real");
        c.real_clock = *clock == "real";
    }
    if (protocol::find_param(params, "speed")) {
        c.speed = protocol::get_number(params, "speed");
        if (!(c.speed > 0) || c.speed > 1e6) invalid("params.speed: a number > 0");
    }
    c.start_paused = protocol::get_bool(params, "startPaused", false);
    c.diagnostics = protocol::get_bool(params, "diagnostics", true);
    c.wait_for_subscribers = protocol::get_bool(params, "waitForSubscribers", false);
    c.stop_on_exception = protocol::get_bool(params, "stopOnException", false);
    if (auto steps = protocol::get_optional_int(params, "maxSteps")) {
        if (*steps < 0) invalid("params.maxSteps: an integer >= 0");
        c.max_steps = static_cast<uint64_t>(*steps);
    }
    if (auto heap = protocol::get_optional_int(params, "maxHeapBytes")) {
        if (*heap < 0) invalid("params.maxHeapBytes: an integer >= 0");
        c.max_heap_bytes = static_cast<uint64_t>(*heap);
    }
    if (protocol::find_param(params, "maxSliceSeconds")) {
        c.max_slice_seconds = protocol::get_number(params, "maxSliceSeconds");
        if (!(c.max_slice_seconds > 0) || c.max_slice_seconds > 3600) invalid("params.maxSliceSeconds: a number > 0");
    }
    return c;
}

Json breakpoints_param(const Json& params) {
    const Json* b = protocol::find_param(params, "breakpoints");
    if (!b || b->is_null()) return Json::array();
    if (!b->is_array()) invalid("params.breakpoints: an array");
    return *b;
}

Json breakpoints_result(const std::vector<session::Breakpoint>& bps) {
    Json out = Json::array();
    for (const auto& bp : bps) {
        Json j{{"id", bp.id}, {"verified", bp.verified}};
        if (!bp.verified) j["message"] = bp.message;
        out.push_back(j);
    }
    return Json{{"breakpoints", out}};
}

Json compile_error_data(const session::StartError& e) {
    return Json{{"kind", script::syntax_error_kind_name(e.error.kind)},
                {"file", e.error.file},
                {"line", e.error.line},
                {"column", e.error.col},
                {"message", e.error.message},
                {"text", e.error.format()}};
}

// The session must exist and not have exited; `paused`: must be paused too.
ScenarioSession& steerable(SessionHub& hub, const Json& params, bool paused) {
    ScenarioSession& s = hub.get(protocol::get_string(params, "session"));
    if (s.state() == ScenarioSession::State::Exited) {
        invalid("params.session: session \"" + s.id() + "\" has exited", Json{{"reason", "exited"}});
    }
    if (paused && s.state() != ScenarioSession::State::Paused) {
        invalid("params.session: session \"" + s.id() + "\" is running; pause it first", Json{{"reason", "running"}});
    }
    return s;
}

Json start_session(SessionHub& hub, Client& client, session::SessionConfig config, const Json& breakpoints,
                   bool subscribe, Reply& reply) {
    std::optional<session::StartError> error;
    std::string id = hub.start(std::move(config), breakpoints, &client, subscribe, error);
    if (id.empty()) {
        invalid("scenario does not compile", compile_error_data(*error));
    }
    ScenarioSession& s = *hub.find(id);
    Json result{{"session", id}, {"state", s.state_name()}};
    reply.result(result);
    s.announce_start();
    return result;
}

}  // namespace

void register_session_handlers(MethodTable& methods, ServerContext& context) {
    context.capabilities.supportsSessions = true;
    context.capabilities.supportsEventStream = true;
    context.capabilities.supportsDiagnostics = true;
    auto hub = std::make_shared<SessionHub>(context);
    context.stop_hooks.push_back([hub] { hub->close(); });
    // Configs as first given, for session/restart.
    auto configs = std::make_shared<std::map<std::string, std::pair<session::SessionConfig, Json>>>();

    methods.bind("session/start", [hub, configs](Client& client, const Json& params, Reply reply) {
        session::SessionConfig config = read_config(params);
        Json bps = breakpoints_param(params);
        bool subscribe = protocol::get_bool(params, "subscribe", false);
        session::SessionConfig copy = config;
        Json r = start_session(*hub, client, std::move(config), bps, subscribe, reply);
        (*configs)[r["session"].get<std::string>()] = {std::move(copy), bps};
        client.on_disconnect_do([hub, tid = client.id()] { hub->client_left(tid); });
    });

    methods.bind("session/restart", [hub, configs](Client& client, const Json& params, Reply reply) {
        std::string id = protocol::get_string(params, "session");
        ScenarioSession& s = hub->get(id);
        auto it = configs->find(id);
        if (it == configs->end()) invalid("params.session: no session \"" + id + "\"");
        auto [config, bps] = it->second;
        s.stop();
        Json r = start_session(*hub, client, config, bps, false, reply);
        (*configs)[r["session"].get<std::string>()] = {config, bps};
    });

    methods.bind("session/list", [hub](Client&, const Json&, Reply reply) {
        Json list = Json::array();
        for (ScenarioSession* s : hub->all()) {
            const auto& c = s->config();
            list.push_back(Json{{"session", s->id()},
                                {"state", s->state_name()},
                                {"python", rt::version_name(c.version)},
                                {"clock", c.real_clock ? "real" : "virtual"},
                                {"speed", c.speed},
                                {"name", c.name},
                                {"time", s->time()},
                                {"lastSeq", s->last_seq()},
                                {"earliestSeq", s->history().earliest_seq(s->last_seq())},
                                {"liveTasks", s->live_task_count()},
                                {"subscribers", hub->subscriber_count(s->id())},
                                {"exit", s->state() == ScenarioSession::State::Exited ? s->exit_params() : Json(nullptr)}});
        }
        reply.result(Json{{"sessions", list}});
    });

    methods.bind("session/pause", [hub](Client&, const Json& params, Reply reply) {
        ScenarioSession& s = steerable(*hub, params, false);
        reply.result(Json::object());
        s.pause();
    });

    methods.bind("session/resume", [hub](Client&, const Json& params, Reply reply) {
        ScenarioSession& s = steerable(*hub, params, false);
        reply.result(Json::object());
        s.resume();
    });

    methods.bind("session/step", [hub](Client&, const Json& params, Reply reply) {
        ScenarioSession& s = steerable(*hub, params, true);
        std::string g = protocol::get_optional_string(params, "granularity").value_or("callback");
        ScenarioSession::StepKind kind;
        if (g == "callback") kind = ScenarioSession::StepKind::Callback;
        else if (g == "event") kind = ScenarioSession::StepKind::Event;
        else if (g == "task") kind = ScenarioSession::StepKind::Task;
        else invalid("params.granularity: callback, task or event");
        reply.result(Json::object());
        s.step(kind);
    });

    methods.bind("session/stop", [hub, configs](Client&, const Json& params, Reply reply) {
        std::string id = protocol::get_string(params, "session");
        ScenarioSession& s = hub->get(id);
        if (s.state() == ScenarioSession::State::Exited) {
            reply.result(Json::object());
            hub->forget(id);
            configs->erase(id);
            return;
        }
        reply.result(Json::object());
        s.stop();
    });

    methods.bind("session/advance", [hub](Client&, const Json& params, Reply reply) {
        ScenarioSession& s = steerable(*hub, params, true);
        bool has_dt = protocol::find_param(params, "dt") != nullptr;
        bool has_t = protocol::find_param(params, "t") != nullptr;
        if (has_dt == has_t) invalid("params.dt: exactly one of dt and t");
        std::optional<double> dt, t;
        if (has_dt) {
            dt = protocol::get_number(params, "dt");
            if (!(*dt >= 0)) invalid("params.dt: a number >= 0");
        } else {
            t = protocol::get_number(params, "t");
        }
        double now = 0;
        std::string err = s.advance(dt, t, now);
        if (!err.empty()) invalid(std::string(has_dt ? "params.dt: " : "params.t: ") + err);
        reply.result(Json{{"time", now}});
    });

    methods.bind("session/subscribe", [hub](Client& client, const Json& params, Reply reply) {
        std::string session = protocol::get_optional_string(params, "session").value_or("*");
        SubscriptionFilter f;
        for (auto& k : string_list(params, "kinds")) f.kinds.insert(k);
        for (auto& t : string_list(params, "tasks")) f.tasks.insert(t);
        if (auto from = protocol::get_optional_int(params, "fromSeq")) {
            if (*from < 1) invalid("params.fromSeq: an integer >= 1");
            f.from_seq = *from;
        }
        Json r = hub->subscribe(client, session, std::move(f));
        client.on_disconnect_do([hub, tid = client.id()] { hub->client_left(tid); });
        reply.result(r);
    });

    methods.bind("session/unsubscribe", [hub](Client& client, const Json& params, Reply reply) {
        hub->unsubscribe(client.id(), protocol::get_optional_string(params, "session").value_or("*"));
        reply.result(Json::object());
    });

    methods.bind("tasks/list", [hub](Client&, const Json& params, Reply reply) {
        reply.result(hub->get(protocol::get_string(params, "session")).tasks_json());
    });

    methods.bind("task/cancel", [hub](Client&, const Json& params, Reply reply) {
        ScenarioSession& s = steerable(*hub, params, true);
        std::string task = protocol::get_string(params, "task");
        auto msg = protocol::get_optional_string(params, "msg");
        Json result;
        std::string err = s.cancel_task(task, msg, result);
        if (!err.empty()) invalid(err);
        reply.result(result);
    });

    methods.bind("task/uncancel", [hub](Client&, const Json& params, Reply reply) {
        ScenarioSession& s = steerable(*hub, params, true);
        Json result;
        std::string err = s.uncancel_task(protocol::get_string(params, "task"), result);
        if (!err.empty()) invalid(err);
        reply.result(result);
    });

    methods.bind("breakpoints/set", [hub](Client&, const Json& params, Reply reply) {
        ScenarioSession& s = hub->get(protocol::get_string(params, "session"));
        const Json* b = protocol::find_param(params, "breakpoints");
        if (!b || !b->is_array()) invalid("params.breakpoints: an array");
        reply.result(breakpoints_result(s.set_breakpoints(*b)));
    });
}

}  // namespace tl::server
