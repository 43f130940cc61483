// Fan-out of session events to subscribed clients. A session publishes events (JSON
// objects with an integer `seq`, shared/TRACE.md), each already serialized once by its
// producer; they are appended to one pending batch per session, and at a flush (once
// per loop iteration, or when the batch is full) the `session/event` notification is
// assembled once and the same refcounted buffer is written to every subscriber. A
// subscriber whose queue is over its soft bound loses the batch, and is told exactly
// which events (`session/eventsDropped`, seq range and count) before the next it gets.
// A lossless session (waitForSubscribers) never drops: a batch a backlogged subscriber
// cannot take yet is held for it (shared, never copied) and sent once its queue drains,
// and notices about the session queue behind what is held; the session waits meanwhile.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "daemon/server/transport.h"
#include "protocol/jsonrpc.h"

namespace tl::server {

// A batch is sent when it reaches either bound, or at the next flush.
struct EventBatchLimits {
  std::size_t max_batch_events = 2048;
  std::size_t max_batch_bytes = 256u << 10;
};

class EventStream {
 public:

  // `schedule_flush` asks for flush() to run soon (the server uses a zero-delay timer,
  // so events published in one loop iteration go out together); tests pass a no-op
  // and call flush() themselves.
  explicit EventStream(std::function<void()> schedule_flush, EventBatchLimits limits = {});

  // A subscriber receives the events published after it subscribed.
  void subscribe(const std::string& session, std::shared_ptr<Transport> transport);
  void unsubscribe(const std::string& session, std::uint64_t transport_id);
  // Lossless delivery for the session (waitForSubscribers): nothing is dropped; what a
  // backlogged subscriber cannot take is held until it drains (see backlogged()).
  void set_lossless(const std::string& session);
  // A notice about `session` for one transport, in order with the session's events: it
  // is sent now, or queued behind the batches held for that subscriber. Returns false
  // (and sends nothing) when the transport does not subscribe to the session here.
  bool send_notice(const std::string& session, std::uint64_t transport_id, const std::string& body);
  // Sends, whatever the queue size, the gap notices pending for the session's
  // subscribers: a lifecycle notification about the session must come after them.
  void send_pending_gaps(const std::string& session);
  // Whether batches are held for some subscriber (someone must keep calling flush()).
  bool holding() const;
  // Drops every subscription of a transport (its client left).
  void unsubscribe_all(std::uint64_t transport_id);
  // Sends what is pending for the session, including any gap notice whatever the
  // queue size, and forgets its subscriptions.
  void end_session(const std::string& session);

  // Queues one event, given as its serialized JSON object (the wire text, sent as is)
  // and its seq, for every subscriber of `session`.
  void publish_serialized(const std::string& session, std::string_view event_json, std::int64_t seq);
  // The same for an event held as a Json value (tests, test methods): dumped once.
  void publish(const std::string& session, const protocol::Json& event);

  // Sends pending batches, and pending gap notices to subscribers that drained.
  void flush();

  std::size_t subscriber_count(const std::string& session) const;
  // Whether a subscriber of `session` would refuse events now (its queue is past the
  // soft bound, or batches are held for it): what a session started with
  // waitForSubscribers waits on, between two loop callbacks.
  bool backlogged(const std::string& session) const;

 private:
  struct Range {
    std::int64_t first = 0;
    std::int64_t last = 0;
    std::int64_t count = 0;
    void add(std::int64_t first_seq, std::int64_t last_seq, std::int64_t n);
  };
  struct Held {
    std::shared_ptr<const std::string> body;
    Traffic traffic;
  };
  struct Subscription {
    std::weak_ptr<Transport> transport;
    std::uint64_t transport_id = 0;
    Range dropped;  // count 0: nothing dropped since the last gap notice
    // Lossless sessions: batches (and notices behind them) not yet sent, in order.
    std::deque<Held> held;
  };
  struct Session {
    std::string name;
    std::string name_json;  // the session id, serialized once
    std::vector<Subscription> subscribers;
    std::string pending;  // comma-separated serialized events, shared by every subscriber
    Range pending_range;
    bool lossless = false;
  };

  // Sends the session's pending batch to every subscriber (one shared buffer), then
  // gap notices to those that drained; forgets subscribers whose transport is gone.
  void flush_session(Session& session, bool final);
  void send_gap(const Session& session, Subscription& sub, Transport& t);
  // Lossless: sends what is held while the transport takes it (everything when `force`).
  void drain_held(Subscription& sub, Transport& t, bool force);
  Session& session_entry(const std::string& session);
  void request_flush();

  std::function<void()> schedule_flush_;
  EventBatchLimits limits_;
  bool flush_requested_ = false;
  std::unordered_map<std::string, Session> sessions_;
};

}  // namespace tl::server
