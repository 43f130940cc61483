// The daemon's sessions and who watches them: starts ScenarioSessions, drives each one
// on the server's libuv loop (uv::LoopDriver), keeps the subscriptions (shared fan-out
// through context.events, or a private stream when a subscriber filters or replays
// history), and sends the lifecycle notifications of protocol/PROTOCOL.md "Sessions".
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "daemon/server/event_stream.h"
#include "daemon/server/handlers.h"
#include "daemon/session/scenario_session.h"
#include "daemon/uv/loop_driver.h"
#include "daemon/uv/timer.h"

namespace tl::server {

struct SubscriptionFilter {
    std::set<std::string> kinds;  // empty: every kind
    std::set<std::string> tasks;  // empty: every event
    std::optional<std::int64_t> from_seq;
    bool plain() const { return kinds.empty() && tasks.empty() && !from_seq; }
    bool matches(std::string_view kind, std::string_view task) const {
        if (!kinds.empty() && !kinds.count(std::string(kind))) return false;
        if (!tasks.empty() && (task.empty() || !tasks.count(std::string(task)))) return false;
        return true;
    }
};

class SessionHub : public session::ScenarioSession::Listener {
public:
    explicit SessionHub(ServerContext& context);
    ~SessionHub() override;

    // Starts a session; `error` set (and "" returned) when the scenario does not compile.
    std::string start(session::SessionConfig config, const Json& breakpoints, Client* starter, bool subscribe,
                      std::optional<session::StartError>& error);
    session::ScenarioSession* find(const std::string& id) const;
    // The session or an RpcError -32602 naming params.session.
    session::ScenarioSession& get(const std::string& id) const;
    void forget(const std::string& id);
    std::vector<session::ScenarioSession*> all() const;
    std::size_t subscriber_count(const std::string& id) const;

    // session "*" = every session, now and later. Returns per-session info.
    Json subscribe(Client& client, const std::string& session, SubscriptionFilter filter);
    void unsubscribe(std::uint64_t transport_id, const std::string& session);
    void client_left(std::uint64_t transport_id);

    // Stops driving every session (the server is stopping).
    void close();

    // ScenarioSession::Listener
    void on_event(session::ScenarioSession& s, uint64_t seq, std::string_view kind, std::string_view task,
                  const std::string& json) override;
    void on_stopped(session::ScenarioSession& s, const char* reason, const std::string* event,
                    const std::vector<int>& hit_ids) override;
    void on_continued(session::ScenarioSession& s) override;
    void on_output(session::ScenarioSession& s, std::string_view text) override;
    void on_exited(session::ScenarioSession& s, const Json& exit_params) override;
    void wake(session::ScenarioSession& s) override;

private:
    struct PrivateSub {
        std::weak_ptr<Transport> transport;
        std::uint64_t transport_id = 0;
        SubscriptionFilter filter;
        std::unique_ptr<EventStream> stream;
    };
    struct Entry {
        std::unique_ptr<session::ScenarioSession> session;
        std::unique_ptr<uv::LoopDriver> driver;
        // Who hears lifecycle notifications: the starter and every subscriber.
        std::map<std::uint64_t, std::weak_ptr<Transport>> watchers;
        std::set<std::uint64_t> plain_subscribers;
        std::vector<std::unique_ptr<PrivateSub>> private_subs;
        std::uint64_t exited_order = 0;
    };
    struct WildcardSub {
        std::weak_ptr<Transport> transport;
        SubscriptionFilter filter;
    };

    Entry* entry(const std::string& id) const;
    Json subscribe_one(Entry& e, const std::shared_ptr<Transport>& t, SubscriptionFilter filter);
    void notify_watchers(Entry& e, std::string_view method, const Json& params);
    void flush_events();
    bool backlogged(const std::string& id);
    // The same without flushing first: cheap enough to ask after every loop callback.
    bool backlogged_now(const std::string& id);
    // Lossless sessions: keeps flushing while batches are held for a backlogged client.
    void drain_held_soon();
    void schedule_private_flush();
    void prune_exited();

    ServerContext& context_;
    std::map<std::string, Entry> sessions_;
    std::vector<std::string> order_;  // creation order
    std::map<std::uint64_t, WildcardSub> wildcard_;
    std::uint64_t next_id_ = 1;
    std::uint64_t exited_count_ = 0;
    uv::Timer flush_timer_;
    uv::Timer drain_timer_;
    bool closed_ = false;
};

}  // namespace tl::server
