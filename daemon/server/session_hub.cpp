// SessionHub: the glue between ScenarioSession (daemon/session) and the wire. Events are
// published as the session's JSON text (daemon/trace/jsonl_writer is the one definition
// of an event's JSON), never re-parsed; lifecycle notifications are sent only after the
// events before them were flushed, so a client always sees the events that led to a stop.
#include "daemon/server/session_hub.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "protocol/messages.h"

namespace tl::server {

namespace code = protocol::error_code;

namespace {
constexpr std::size_t kExitedKept = 64;
}

SessionHub::SessionHub(ServerContext& context) : context_(context) {
    if (context_.loop) {
        flush_timer_.init(*context_.loop);
        drain_timer_.init(*context_.loop);
    }
}

SessionHub::~SessionHub() { close(); }

void SessionHub::close() {
    if (closed_) return;
    closed_ = true;
    for (auto& [id, e] : sessions_) {
        if (e.driver) e.driver->close();
    }
    flush_timer_.close();
    drain_timer_.close();
}

SessionHub::Entry* SessionHub::entry(const std::string& id) const {
    auto it = sessions_.find(id);
    return it == sessions_.end() ? nullptr : const_cast<Entry*>(&it->second);
}

session::ScenarioSession* SessionHub::find(const std::string& id) const {
    Entry* e = entry(id);
    return e ? e->session.get() : nullptr;
}

session::ScenarioSession& SessionHub::get(const std::string& id) const {
    session::ScenarioSession* s = find(id);
    if (!s) throw protocol::RpcError(code::invalid_params, "params.session: no session \"" + id + "\"");
    return *s;
}

std::vector<session::ScenarioSession*> SessionHub::all() const {
    std::vector<session::ScenarioSession*> out;
    for (const std::string& id : order_) {
        if (auto* s = find(id)) out.push_back(s);
    }
    return out;
}

std::size_t SessionHub::subscriber_count(const std::string& id) const {
    Entry* e = entry(id);
    return e ? e->plain_subscribers.size() + e->private_subs.size() : 0;
}

std::string SessionHub::start(session::SessionConfig config, const Json& breakpoints, Client* starter,
                              bool subscribe, std::optional<session::StartError>& error) {
    std::string id = "s" + std::to_string(next_id_);
    auto s = session::ScenarioSession::create(id, std::move(config), this, error);
    if (!s) return "";
    ++next_id_;
    Entry& e = sessions_[id];
    e.session = std::move(s);
    if (e.session->config().wait_for_subscribers) context_.events->set_lossless(id);
    e.session->set_breakpoints(breakpoints);
    e.driver = std::make_unique<uv::LoopDriver>();
    session::ScenarioSession* raw = e.session.get();
    e.driver->init(*context_.loop, [this, raw] {
        uv::LoopDriver::Slice out;
        if (raw->config().wait_for_subscribers && backlogged(raw->id())) {
            // waitForSubscribers: hold the run until the subscribers' queues drain.
            out.kind = uv::LoopDriver::Slice::Kind::Wait;
            out.wait_seconds = 0.0005;
            return out;
        }
        session::ScenarioSession::SliceBudget budget;
        // waitForSubscribers: the slice ends after the first callback that left a
        // subscriber backlogged; what that callback published past the bound is held for
        // the subscriber (EventStream, lossless), never dropped.
        if (raw->config().wait_for_subscribers) {
            budget.yield_when = [this, raw] { return backlogged_now(raw->id()); };
        }
        session::ScenarioSession::Slice sl = raw->run_slice(budget);
        out.kind = sl.kind == session::ScenarioSession::Slice::Kind::More   ? uv::LoopDriver::Slice::Kind::More
                   : sl.kind == session::ScenarioSession::Slice::Kind::Wait ? uv::LoopDriver::Slice::Kind::Wait
                                                                            : uv::LoopDriver::Slice::Kind::Idle;
        out.wait_seconds = sl.wait_wall_seconds;
        return out;
    });
    order_.push_back(id);
    if (starter) {
        e.watchers[starter->id()] = starter->transport();
        if (subscribe) subscribe_one(e, starter->transport(), SubscriptionFilter{});
    }
    for (auto& [tid, w] : wildcard_) {
        if (auto t = w.transport.lock()) subscribe_one(e, t, w.filter);
    }
    return id;
}

void SessionHub::forget(const std::string& id) {
    auto it = sessions_.find(id);
    if (it == sessions_.end()) return;
    context_.events->end_session(id);
    if (it->second.driver) it->second.driver->close();
    sessions_.erase(it);
    order_.erase(std::remove(order_.begin(), order_.end(), id), order_.end());
}

void SessionHub::prune_exited() {
    std::vector<std::pair<std::uint64_t, std::string>> exited;
    for (auto& [id, e] : sessions_) {
        if (e.exited_order) exited.emplace_back(e.exited_order, id);
    }
    if (exited.size() <= kExitedKept) return;
    std::sort(exited.begin(), exited.end());
    for (std::size_t i = 0; i + kExitedKept < exited.size(); ++i) forget(exited[i].second);
}

// ---- subscriptions --------------------------------------------------------------------------

Json SessionHub::subscribe_one(Entry& e, const std::shared_ptr<Transport>& t, SubscriptionFilter filter) {
    const std::string& id = e.session->id();
    std::uint64_t tid = t->id();
    // A new subscription replaces the earlier one.
    context_.events->unsubscribe(id, tid);
    e.plain_subscribers.erase(tid);
    e.private_subs.erase(std::remove_if(e.private_subs.begin(), e.private_subs.end(),
                                        [&](const auto& p) { return p->transport_id == tid; }),
                         e.private_subs.end());
    e.watchers[tid] = t;
    uint64_t last = e.session->last_seq();
    uint64_t earliest = e.session->history().earliest_seq(last);
    Json info{{"session", id}, {"earliestSeq", earliest}, {"nextSeq", last + 1}};
    if (filter.plain()) {
        context_.events->subscribe(id, t);
        e.plain_subscribers.insert(tid);
        return info;
    }
    auto p = std::make_unique<PrivateSub>();
    p->transport = t;
    p->transport_id = tid;
    p->filter = std::move(filter);
    p->stream = std::make_unique<EventStream>([this] { schedule_private_flush(); });
    if (e.session->config().wait_for_subscribers) p->stream->set_lossless(id);
    p->stream->subscribe(id, t);
    if (p->filter.from_seq) {
        std::int64_t from = *p->filter.from_seq;
        if (from < static_cast<std::int64_t>(earliest) && from <= static_cast<std::int64_t>(last)) {
            std::int64_t to = std::min<std::int64_t>(static_cast<std::int64_t>(earliest) - 1, last);
            t->send(protocol::dump(protocol::make_notification(
                        "session/eventsDropped",
                        Json{{"session", id}, {"fromSeq", from}, {"toSeq", to}, {"count", to - from + 1}})),
                    Traffic::notice);
        }
        for (const auto& h : e.session->history().entries()) {
            if (static_cast<std::int64_t>(h.seq) < from) continue;
            if (!p->filter.matches(h.kind, h.task)) continue;
            p->stream->publish_serialized(id, h.json, static_cast<std::int64_t>(h.seq));
        }
    }
    e.private_subs.push_back(std::move(p));
    return info;
}

Json SessionHub::subscribe(Client& client, const std::string& session, SubscriptionFilter filter) {
    Json out = Json::array();
    if (session == "*") {
        wildcard_[client.id()] = WildcardSub{client.transport(), filter};
        for (const std::string& id : order_) {
            if (Entry* e = entry(id)) out.push_back(subscribe_one(*e, client.transport(), filter));
        }
    } else {
        Entry* e = entry(session);
        if (!e) throw protocol::RpcError(code::invalid_params, "params.session: no session \"" + session + "\"");
        out.push_back(subscribe_one(*e, client.transport(), std::move(filter)));
    }
    return Json{{"subscriptions", out}};
}

void SessionHub::unsubscribe(std::uint64_t tid, const std::string& session) {
    if (session == "*") wildcard_.erase(tid);
    for (auto& [id, e] : sessions_) {
        if (session != "*" && id != session) continue;
        context_.events->unsubscribe(id, tid);
        e.plain_subscribers.erase(tid);
        e.private_subs.erase(std::remove_if(e.private_subs.begin(), e.private_subs.end(),
                                            [&](const auto& p) { return p->transport_id == tid; }),
                             e.private_subs.end());
        e.watchers.erase(tid);
    }
}

void SessionHub::client_left(std::uint64_t tid) { unsubscribe(tid, "*"); }

void SessionHub::schedule_private_flush() {
    if (closed_ || flush_timer_.is_active()) return;
    flush_timer_.start(0, 0, [this] {
        for (auto& [id, e] : sessions_) {
            for (auto& p : e.private_subs) p->stream->flush();
        }
    });
}

bool SessionHub::backlogged(const std::string& id) {
    // A batch still pending counts: it goes out at the flush, and may be what fills a queue.
    flush_events();
    return backlogged_now(id);
}

bool SessionHub::backlogged_now(const std::string& id) {
    Entry* e = entry(id);
    if (!e) return false;
    if (context_.events->backlogged(id)) return true;
    for (auto& p : e->private_subs) {
        if (p->stream->backlogged(id)) return true;
    }
    return false;
}

void SessionHub::flush_events() {
    context_.events->flush();
    bool holding = context_.events->holding();
    for (auto& [id, e] : sessions_) {
        for (auto& p : e.private_subs) {
            p->stream->flush();
            holding = holding || p->stream->holding();
        }
    }
    if (holding) drain_held_soon();
}

void SessionHub::drain_held_soon() {
    // A paused or exited lossless session no longer polls its subscribers: this timer
    // goes on flushing what is held until every backlogged client has taken it.
    if (closed_ || drain_timer_.is_active()) return;
    drain_timer_.start(1, 1, [this] {
        drain_timer_.stop();
        flush_events();
    });
}

void SessionHub::notify_watchers(Entry& e, std::string_view method, const Json& params) {
    flush_events();
    const std::string& id = e.session->id();
    // A gap notice comes before any later message about the session (a client still
    // backlogged when the session stops or ends learns of its loss first).
    context_.events->send_pending_gaps(id);
    for (auto& p : e.private_subs) p->stream->send_pending_gaps(id);
    std::string body = protocol::dump(protocol::make_notification(method, params));
    for (auto it = e.watchers.begin(); it != e.watchers.end();) {
        if (auto t = it->second.lock()) {
            // In order with the events: behind what a lossless session holds for it.
            bool sent = context_.events->send_notice(id, it->first, body);
            for (auto& p : e.private_subs) {
                if (!sent && p->transport_id == it->first) sent = p->stream->send_notice(id, it->first, body);
            }
            if (!sent) t->send(body, Traffic::notice);
            ++it;
        } else {
            it = e.watchers.erase(it);
        }
    }
}

// ---- session listener -----------------------------------------------------------------------

void SessionHub::on_event(session::ScenarioSession& s, uint64_t seq, std::string_view kind, std::string_view task,
                          const std::string& json) {
    Entry* e = entry(s.id());
    if (!e || (e->plain_subscribers.empty() && e->private_subs.empty())) return;
    // The session's JSON (daemon/trace/jsonl_writer) is the wire text: never re-parsed.
    auto iseq = static_cast<std::int64_t>(seq);
    if (!e->plain_subscribers.empty()) context_.events->publish_serialized(s.id(), json, iseq);
    for (auto& p : e->private_subs) {
        if (p->filter.matches(kind, task)) p->stream->publish_serialized(s.id(), json, iseq);
    }
}

void SessionHub::on_stopped(session::ScenarioSession& s, const char* reason, const std::string* event,
                            const std::vector<int>& hit_ids) {
    Entry* e = entry(s.id());
    if (!e) return;
    Json params{{"session", s.id()}, {"reason", reason}, {"time", s.time()}, {"seq", s.last_seq()}};
    if (event) params["event"] = Json::parse(*event);
    if (!hit_ids.empty()) params["hitBreakpointIds"] = hit_ids;
    if (std::string_view(reason) == "exception") params["exception"] = s.stop_exception();
    notify_watchers(*e, "session/stopped", params);
}

void SessionHub::on_continued(session::ScenarioSession& s) {
    if (Entry* e = entry(s.id())) notify_watchers(*e, "session/continued", Json{{"session", s.id()}});
}

void SessionHub::on_output(session::ScenarioSession& s, std::string_view text) {
    if (Entry* e = entry(s.id())) {
        notify_watchers(*e, "session/output", Json{{"session", s.id()}, {"text", std::string(text)}});
    }
}

void SessionHub::on_exited(session::ScenarioSession& s, const Json& exit_params) {
    Entry* e = entry(s.id());
    if (!e) return;
    e->exited_order = ++exited_count_;
    notify_watchers(*e, "session/exited", exit_params);
    // Deferred: the session may be inside its own slice right now.
    if (context_.loop && !closed_) {
        auto t = std::make_shared<uv::Timer>();
        if (t->init(*context_.loop) == 0) {
            t->start(0, 0, [this, t, id = s.id()] {
                t->close();
                if (closed_) return;
                if (auto* done = find(id)) done->release_runtime();
                prune_exited();
            });
        }
    }
}

void SessionHub::wake(session::ScenarioSession& s) {
    if (Entry* e = entry(s.id())) {
        if (e->driver && !closed_) e->driver->wake();
    }
}

}  // namespace tl::server
