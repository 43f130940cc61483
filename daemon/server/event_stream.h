// Fan-out of session events to subscribed clients. A session publishes events (JSON
// objects with an integer `seq`, shared/TRACE.md); each subscriber receives them in
// order, batched as `session/event` notifications. A subscriber whose queue is over
// its soft bound loses events, and is told exactly which (`session/eventsDropped`,
// with the seq range and count) before the next events it does receive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "daemon/server/transport.h"
#include "protocol/jsonrpc.h"

namespace tl::server {

// A batch is sent when it reaches either bound, or at the next flush.
struct EventBatchLimits {
  std::size_t max_batch_events = 256;
  std::size_t max_batch_bytes = 64u << 10;
};

class EventStream {
 public:

  // `schedule_flush` asks for flush() to run soon (the server uses a zero-delay timer,
  // so events published in one loop iteration go out together); tests pass a no-op
  // and call flush() themselves.
  explicit EventStream(std::function<void()> schedule_flush, EventBatchLimits limits = {});

  void subscribe(const std::string& session, std::shared_ptr<Transport> transport);
  void unsubscribe(const std::string& session, std::uint64_t transport_id);
  // Drops every subscription of a transport (its client left).
  void unsubscribe_all(std::uint64_t transport_id);
  // Sends what is pending for the session, including any gap notice whatever the
  // queue size, and forgets its subscriptions.
  void end_session(const std::string& session);

  // Queues `event` for every subscriber of `session`. The event is serialized once.
  void publish(const std::string& session, const protocol::Json& event);

  // Sends pending batches, and pending gap notices to subscribers that drained.
  void flush();

  std::size_t subscriber_count(const std::string& session) const;

 private:
  struct Range {
    std::int64_t first = 0;
    std::int64_t last = 0;
    std::int64_t count = 0;
    void add(std::int64_t first_seq, std::int64_t last_seq, std::int64_t n);
  };
  struct Subscription {
    std::weak_ptr<Transport> transport;
    std::uint64_t transport_id = 0;
    std::string pending;  // comma-separated serialized events
    Range pending_range;
    Range dropped;  // count 0: nothing dropped since the last gap notice
  };
  struct Session {
    std::string name;
    std::string name_json;  // the session id, serialized once
    std::vector<Subscription> subscribers;
  };

  // Returns false when the subscriber's transport is gone.
  bool flush_one(const Session& session, Subscription& sub, bool final);
  void send_gap(const Session& session, Subscription& sub, Transport& t);
  void request_flush();

  std::function<void()> schedule_flush_;
  EventBatchLimits limits_;
  bool flush_requested_ = false;
  std::unordered_map<std::string, Session> sessions_;
};

}  // namespace tl::server
