// Event fan-out with one shared batch per session and exact per-subscriber gap
// accounting. Each event is copied once into the batch; each batch is assembled once
// and written to every subscriber from the same refcounted buffer. Memory per
// subscriber is a counter: dropped events are only counted.
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

EventStream::Session& EventStream::session_entry(const std::string& session) {
  Session& s = sessions_[session];
  if (s.name_json.empty()) {
    s.name = session;
    s.name_json = protocol::dump(Json(session));
  }
  return s;
}

void EventStream::set_lossless(const std::string& session) { session_entry(session).lossless = true; }

void EventStream::subscribe(const std::string& session, std::shared_ptr<Transport> transport) {
  Session& s = session_entry(session);
  for (const Subscription& sub : s.subscribers) {
    if (sub.transport_id == transport->id()) return;
  }
  // The pending batch holds events from before this subscription: send it to the
  // earlier subscribers first, so the shared batch is exactly what every one gets.
  if (s.pending_range.count > 0) flush_session(s, false);
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
  flush_session(it->second, /*final=*/true);
  sessions_.erase(it);
}

void EventStream::publish(const std::string& session, const Json& event) {
  std::int64_t seq = 0;
  if (auto s = event.find("seq"); s != event.end() && s->is_number_integer()) {
    seq = s->get<std::int64_t>();
  }
  publish_serialized(session, protocol::dump(event), seq);
}

void EventStream::publish_serialized(const std::string& session, std::string_view event_json,
                                     std::int64_t seq) {
  auto it = sessions_.find(session);
  if (it == sessions_.end() || it->second.subscribers.empty()) return;
  Session& s = it->second;
  if (!s.pending.empty()) s.pending += ',';
  s.pending += event_json;
  s.pending_range.add(seq, seq, 1);
  // Bound what is held between flushes: a session that publishes a million events in
  // one loop iteration must not buffer a million events.
  if (std::size_t(s.pending_range.count) >= limits_.max_batch_events ||
      s.pending.size() >= limits_.max_batch_bytes) {
    flush_session(s, false);
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
  for (auto& [name, session] : sessions_) flush_session(session, false);
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

bool EventStream::send_notice(const std::string& session, std::uint64_t transport_id,
                              const std::string& body) {
  auto it = sessions_.find(session);
  if (it == sessions_.end()) return false;
  for (Subscription& sub : it->second.subscribers) {
    if (sub.transport_id != transport_id) continue;
    std::shared_ptr<Transport> t = sub.transport.lock();
    if (!t) return false;
    if (sub.held.empty()) {
      t->send(body, Traffic::notice);
    } else {
      sub.held.push_back(Held{std::make_shared<const std::string>(body), Traffic::notice});
    }
    return true;
  }
  return false;
}

void EventStream::send_pending_gaps(const std::string& session) {
  auto it = sessions_.find(session);
  if (it == sessions_.end()) return;
  for (Subscription& sub : it->second.subscribers) {
    if (sub.dropped.count == 0) continue;
    if (std::shared_ptr<Transport> t = sub.transport.lock()) send_gap(it->second, sub, *t);
  }
}

bool EventStream::holding() const {
  for (const auto& [name, session] : sessions_) {
    for (const Subscription& sub : session.subscribers) {
      if (!sub.held.empty()) return true;
    }
  }
  return false;
}

void EventStream::drain_held(Subscription& sub, Transport& t, bool force) {
  while (!sub.held.empty() && (force || t.accepts_events())) {
    Held h = std::move(sub.held.front());
    sub.held.pop_front();
    // Forced (the session is forgotten): past the soft bound, as a notice is.
    t.send_shared(std::move(h.body), force ? Traffic::notice : h.traffic);
  }
}

void EventStream::flush_session(Session& session, bool final) {
  std::shared_ptr<const std::string> body;
  Range batch = session.pending_range;
  if (batch.count > 0) {
    auto b = std::make_shared<std::string>();
    b->reserve(session.pending.size() + session.name_json.size() + 96);
    *b += R"({"jsonrpc":"2.0","method":")";
    *b += protocol::kSessionEvent;
    *b += R"(","params":{"session":)";
    *b += session.name_json;
    *b += R"(,"events":[)";
    *b += session.pending;
    *b += "]}}";
    body = std::move(b);
    session.pending.clear();
    session.pending_range = Range{};
    // Keep one big batch's capacity from lingering.
    if (session.pending.capacity() > 2 * limits_.max_batch_bytes) std::string().swap(session.pending);
  }
  std::erase_if(session.subscribers, [&](Subscription& sub) {
    std::shared_ptr<Transport> t = sub.transport.lock();
    if (!t) return true;
    if (session.lossless) {
      // Never dropped: what the subscriber cannot take now waits, in order, for it.
      drain_held(sub, *t, final);
      if (body) {
        if (sub.held.empty() && t->accepts_events()) {
          t->send_shared(body, Traffic::event);  // refused only by a closing transport
        } else if (final) {
          t->send_shared(body, Traffic::notice);
        } else {
          sub.held.push_back(Held{body, Traffic::event});
        }
      }
      return false;
    }
    if (body) {
      if (!t->accepts_events()) {
        sub.dropped.add(batch.first, batch.last, batch.count);
      } else {
        // The gap notice goes right before the first events after the gap.
        if (sub.dropped.count > 0) send_gap(session, sub, *t);
        if (!t->send_shared(body, Traffic::event)) sub.dropped.add(batch.first, batch.last, batch.count);
      }
    }
    if (sub.dropped.count > 0 && (final || t->accepts_events())) send_gap(session, sub, *t);
    return false;
  });
}

bool EventStream::backlogged(const std::string& session) const {
  auto it = sessions_.find(session);
  if (it == sessions_.end()) return false;
  for (const Subscription& sub : it->second.subscribers) {
    if (auto t = sub.transport.lock(); t && (!sub.held.empty() || !t->accepts_events())) return true;
  }
  return false;
}

std::size_t EventStream::subscriber_count(const std::string& session) const {
  auto it = sessions_.find(session);
  return it == sessions_.end() ? 0 : it->second.subscribers.size();
}

}  // namespace tl::server
