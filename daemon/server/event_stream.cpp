// Event fan-out with per-subscriber batching and exact gap accounting. Memory per
// subscriber is bounded by one batch plus a counter: dropped events are only counted.
#include "daemon/server/event_stream.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "protocol/messages.h"

namespace tl::server {

using protocol::Json;

void EventStream::Range::add(std::int64_t first_seq, std::int64_t last_seq, std::int64_t n) {
  if (count == 0) first = first_seq;
  last = last_seq;
  count += n;
}

EventStream::EventStream(std::function<void()> schedule_flush, EventBatchLimits limits)
    : schedule_flush_(std::move(schedule_flush)), limits_(limits) {}

void EventStream::subscribe(const std::string& session, std::shared_ptr<Transport> transport) {
  Session& s = sessions_[session];
  if (s.name_json.empty()) {
    s.name = session;
    s.name_json = protocol::dump(Json(session));
  }
  for (const Subscription& sub : s.subscribers) {
    if (sub.transport_id == transport->id()) return;
  }
  Subscription sub;
  sub.transport_id = transport->id();
  sub.transport = transport;
  s.subscribers.push_back(std::move(sub));
}

void EventStream::unsubscribe(const std::string& session, std::uint64_t transport_id) {
  auto it = sessions_.find(session);
  if (it == sessions_.end()) return;
  auto& subs = it->second.subscribers;
  subs.erase(std::remove_if(subs.begin(), subs.end(),
                            [&](const Subscription& s) { return s.transport_id == transport_id; }),
             subs.end());
}

void EventStream::unsubscribe_all(std::uint64_t transport_id) {
  for (auto& [name, session] : sessions_) unsubscribe(name, transport_id);
}

void EventStream::end_session(const std::string& session) {
  auto it = sessions_.find(session);
  if (it == sessions_.end()) return;
  for (Subscription& sub : it->second.subscribers) flush_one(it->second, sub, /*final=*/true);
  sessions_.erase(it);
}

void EventStream::publish(const std::string& session, const Json& event) {
  auto it = sessions_.find(session);
  if (it == sessions_.end() || it->second.subscribers.empty()) return;
  std::int64_t seq = 0;
  if (auto s = event.find("seq"); s != event.end() && s->is_number_integer()) {
    seq = s->get<std::int64_t>();
  }
  const std::string serialized = protocol::dump(event);
  Session& s = it->second;
  bool pruned = false;
  for (Subscription& sub : s.subscribers) {
    if (!sub.pending.empty()) sub.pending += ',';
    sub.pending += serialized;
    sub.pending_range.add(seq, seq, 1);
    // Bound what one subscriber can hold between flushes: a session that publishes a
    // million events in one loop iteration must not buffer a million events.
    if (std::size_t(sub.pending_range.count) >= limits_.max_batch_events ||
        sub.pending.size() >= limits_.max_batch_bytes) {
      if (!flush_one(s, sub, false)) pruned = true;
    }
  }
  if (pruned) {
    std::erase_if(s.subscribers, [](const Subscription& sub) { return sub.transport.expired(); });
  }
  request_flush();
}

void EventStream::request_flush() {
  if (flush_requested_) return;
  flush_requested_ = true;
  if (schedule_flush_) schedule_flush_();
}

void EventStream::flush() {
  flush_requested_ = false;
  for (auto& [name, session] : sessions_) {
    std::erase_if(session.subscribers,
                  [&](Subscription& sub) { return !flush_one(session, sub, false); });
  }
}

void EventStream::send_gap(const Session& session, Subscription& sub, Transport& t) {
  protocol::EventsDroppedParams gap{session.name, sub.dropped.first, sub.dropped.last,
                                   sub.dropped.count};
  Json params = gap;
  t.send(protocol::dump(protocol::make_notification(protocol::kSessionEventsDropped,
                                                    std::move(params))),
         Traffic::notice);
  sub.dropped = Range{};
}

bool EventStream::flush_one(const Session& session, Subscription& sub, bool final) {
  std::shared_ptr<Transport> t = sub.transport.lock();
  if (!t) return false;
  if (sub.pending_range.count > 0) {
    if (!t->accepts_events()) {
      sub.dropped.add(sub.pending_range.first, sub.pending_range.last, sub.pending_range.count);
    } else {
      // The gap notice goes right before the first events after the gap.
      if (sub.dropped.count > 0) send_gap(session, sub, *t);
      std::string body;
      body.reserve(sub.pending.size() + session.name_json.size() + 96);
      body += R"({"jsonrpc":"2.0","method":")";
      body += protocol::kSessionEvent;
      body += R"(","params":{"session":)";
      body += session.name_json;
      body += R"(,"events":[)";
      body += sub.pending;
      body += "]}}";
      if (!t->send(std::move(body), Traffic::event)) {
        sub.dropped.add(sub.pending_range.first, sub.pending_range.last,
                        sub.pending_range.count);
      }
    }
    sub.pending.clear();
    sub.pending_range = Range{};
    // Keep a big batch's capacity from lingering per subscriber.
    if (sub.pending.capacity() > 2 * limits_.max_batch_bytes) std::string().swap(sub.pending);
  }
  if (sub.dropped.count > 0 && (final || t->accepts_events())) send_gap(session, sub, *t);
  return true;
}

std::size_t EventStream::subscriber_count(const std::string& session) const {
  auto it = sessions_.find(session);
  return it == sessions_.end() ? 0 : it->second.subscribers.size();
}

}  // namespace tl::server
