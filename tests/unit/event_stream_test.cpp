// Tests for server/event_stream with a synthetic publisher and fake transports whose
// soft bound the test opens and closes: batching, order, fan-out, and exact gap
// notices for a client that does not read (fault 14) while others are unaffected.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "daemon/server/event_stream.h"
#include "protocol/jsonrpc.h"

using tl::protocol::Json;
using namespace tl::server;

namespace {

class FakeTransport : public Transport {
 public:
  explicit FakeTransport(std::uint64_t id) : id_(id) {}
  std::uint64_t id() const override { return id_; }
  TransportKind kind() const override { return TransportKind::test; }
  bool send(std::string body, Traffic traffic) override {
    if (traffic == Traffic::event && !accepting) {
      ++refused;
      return false;
    }
    sent.push_back(Json::parse(body));
    return true;
  }
  bool accepts_events() const override { return accepting; }
  void close_after_flush() override {}

  // All event seqs received, in order, and the gap notices.
  std::vector<std::int64_t> seqs() const {
    std::vector<std::int64_t> out;
    for (const Json& m : sent) {
      if (m["method"] != "session/event") continue;
      for (const Json& e : m["params"]["events"]) out.push_back(e["seq"].get<std::int64_t>());
    }
    return out;
  }
  std::vector<Json> gaps() const {
    std::vector<Json> out;
    for (const Json& m : sent) {
      if (m["method"] == "session/eventsDropped") out.push_back(m["params"]);
    }
    return out;
  }

  std::uint64_t id_;
  bool accepting = true;
  int refused = 0;
  std::vector<Json> sent;
};

Json event(std::int64_t seq) {
  return Json{{"seq", seq}, {"t", 0.0}, {"event", "print"}, {"text", "x"}};
}

std::vector<std::int64_t> range(std::int64_t first, std::int64_t last) {
  std::vector<std::int64_t> out;
  for (std::int64_t i = first; i <= last; ++i) out.push_back(i);
  return out;
}

}  // namespace

TEST_SUITE("event_stream") {
  TEST_CASE("events are batched per flush, in order, with the session named") {
    int scheduled = 0;
    EventStream stream([&] { ++scheduled; });
    auto a = std::make_shared<FakeTransport>(1);
    stream.subscribe("s1", a);
    for (int i = 1; i <= 5; ++i) stream.publish("s1", event(i));
    CHECK(scheduled == 1);  // one flush request per batch
    CHECK(a->sent.empty());
    stream.flush();
    REQUIRE(a->sent.size() == 1);
    const Json& n = a->sent[0];
    CHECK(n["jsonrpc"] == "2.0");
    CHECK(n["method"] == "session/event");
    CHECK_FALSE(n.contains("id"));
    CHECK(n["params"]["session"] == "s1");
    CHECK(a->seqs() == range(1, 5));
    CHECK(n["params"]["events"][0]["event"] == "print");
    stream.publish("s1", event(6));
    CHECK(scheduled == 2);
    stream.flush();
    CHECK(a->seqs() == range(1, 6));
  }

  TEST_CASE("fan-out: every subscriber of a session, only that session") {
    EventStream stream([] {});
    auto a = std::make_shared<FakeTransport>(1);
    auto b = std::make_shared<FakeTransport>(2);
    auto c = std::make_shared<FakeTransport>(3);
    stream.subscribe("s1", a);
    stream.subscribe("s1", b);
    stream.subscribe("s1", b);  // twice is once
    stream.subscribe("s2", c);
    CHECK(stream.subscriber_count("s1") == 2);
    for (int i = 1; i <= 3; ++i) stream.publish("s1", event(i));
    stream.publish("s2", event(1));
    stream.publish("nobody", event(1));
    stream.flush();
    CHECK(a->seqs() == range(1, 3));
    CHECK(b->seqs() == range(1, 3));
    CHECK(c->seqs() == range(1, 1));
    stream.unsubscribe("s1", 1);
    stream.publish("s1", event(4));
    stream.flush();
    CHECK(a->seqs() == range(1, 3));
    CHECK(b->seqs() == range(1, 4));
  }

  TEST_CASE("a batch goes out when it reaches its bound, before any flush") {
    EventStream stream([] {}, EventBatchLimits{10, 1u << 20});
    auto a = std::make_shared<FakeTransport>(1);
    stream.subscribe("s", a);
    for (int i = 1; i <= 25; ++i) stream.publish("s", event(i));
    CHECK(a->sent.size() == 2);
    stream.flush();
    CHECK(a->sent.size() == 3);
    CHECK(a->seqs() == range(1, 25));
  }

  TEST_CASE("fault 14: a client that does not read gets an exact gap; others do not notice") {
    EventStream stream([] {}, EventBatchLimits{4, 1u << 20});
    auto slow = std::make_shared<FakeTransport>(1);
    auto fast = std::make_shared<FakeTransport>(2);
    stream.subscribe("s", slow);
    stream.subscribe("s", fast);

    for (int i = 1; i <= 4; ++i) stream.publish("s", event(i));  // one full batch each
    slow->accepting = false;
    for (int i = 5; i <= 1000; ++i) stream.publish("s", event(i));
    stream.flush();
    CHECK(fast->seqs() == range(1, 1000));
    CHECK(fast->gaps().empty());
    CHECK(slow->seqs() == range(1, 4));
    CHECK(slow->gaps().empty());  // told only once it can take messages again

    slow->accepting = true;
    for (int i = 1001; i <= 1003; ++i) stream.publish("s", event(i));
    stream.flush();
    auto gaps = slow->gaps();
    REQUIRE(gaps.size() == 1);
    CHECK(gaps[0]["session"] == "s");
    CHECK(gaps[0]["fromSeq"] == 5);
    CHECK(gaps[0]["toSeq"] == 1000);
    CHECK(gaps[0]["count"] == 996);
    // The notice sits exactly between event 4 and event 1001.
    std::vector<std::string> order;
    for (const Json& m : slow->sent) order.push_back(m["method"]);
    CHECK(order.back() == "session/event");
    CHECK(order[order.size() - 2] == "session/eventsDropped");
    CHECK(slow->seqs() == std::vector<std::int64_t>{1, 2, 3, 4, 1001, 1002, 1003});
    CHECK(fast->seqs() == range(1, 1003));
  }

  TEST_CASE("a gap is reported on drain even when the session is quiet") {
    EventStream stream([] {});
    auto slow = std::make_shared<FakeTransport>(1);
    stream.subscribe("s", slow);
    slow->accepting = false;
    for (int i = 1; i <= 10; ++i) stream.publish("s", event(i));
    stream.flush();
    stream.flush();
    CHECK(slow->gaps().empty());
    slow->accepting = true;
    stream.flush();  // the server's housekeeping tick
    auto gaps = slow->gaps();
    REQUIRE(gaps.size() == 1);
    CHECK(gaps[0]["fromSeq"] == 1);
    CHECK(gaps[0]["toSeq"] == 10);
    CHECK(gaps[0]["count"] == 10);
    stream.flush();
    CHECK(slow->gaps().size() == 1);
  }

  TEST_CASE("two separate gaps are two notices, each exact") {
    EventStream stream([] {});
    auto t = std::make_shared<FakeTransport>(1);
    stream.subscribe("s", t);
    auto step = [&](int first, int last, bool accepting) {
      t->accepting = accepting;
      for (int i = first; i <= last; ++i) stream.publish("s", event(i));
      stream.flush();
    };
    step(1, 2, true);
    step(3, 5, false);
    step(6, 7, true);
    step(8, 8, false);
    step(9, 9, true);
    auto gaps = t->gaps();
    REQUIRE(gaps.size() == 2);
    CHECK(gaps[0]["fromSeq"] == 3);
    CHECK(gaps[0]["toSeq"] == 5);
    CHECK(gaps[0]["count"] == 3);
    CHECK(gaps[1]["fromSeq"] == 8);
    CHECK(gaps[1]["count"] == 1);
    CHECK(t->seqs() == std::vector<std::int64_t>{1, 2, 6, 7, 9});
  }

  TEST_CASE("end_session delivers a pending gap even to a full queue") {
    EventStream stream([] {});
    auto t = std::make_shared<FakeTransport>(1);
    stream.subscribe("s", t);
    t->accepting = false;
    for (int i = 1; i <= 3; ++i) stream.publish("s", event(i));
    stream.end_session("s");
    auto gaps = t->gaps();
    REQUIRE(gaps.size() == 1);
    CHECK(gaps[0]["count"] == 3);
    CHECK(stream.subscriber_count("s") == 0);
  }

  TEST_CASE("send_pending_gaps delivers a gap before a lifecycle notice, even to a full queue") {
    EventStream stream([] {});
    auto t = std::make_shared<FakeTransport>(1);
    stream.subscribe("s", t);
    t->accepting = false;
    for (int i = 1; i <= 3; ++i) stream.publish("s", event(i));
    stream.flush();
    CHECK(t->gaps().empty());  // still backlogged: the notice would wait for the drain
    stream.send_pending_gaps("s");
    REQUIRE(t->gaps().size() == 1);
    CHECK(t->gaps()[0]["count"] == 3);
    CHECK(stream.send_notice("s", 1, R"({"jsonrpc":"2.0","method":"session/exited","params":{"session":"s"}})"));
    CHECK(t->sent.back()["method"] == "session/exited");
  }

  TEST_CASE("lossless: batches a backlogged subscriber cannot take are held, then sent in order") {
    EventStream stream([] {}, EventBatchLimits{4, 1u << 20});
    auto slow = std::make_shared<FakeTransport>(1);
    auto fast = std::make_shared<FakeTransport>(2);
    stream.set_lossless("s");
    stream.subscribe("s", slow);
    stream.subscribe("s", fast);
    slow->accepting = false;
    // One burst far past a batch, as one loop callback cancelling thousands of tasks.
    for (int i = 1; i <= 10; ++i) stream.publish("s", event(i));
    stream.flush();
    CHECK(slow->refused == 0);
    CHECK(slow->seqs().empty());
    CHECK(fast->seqs() == range(1, 10));
    CHECK(stream.backlogged("s"));
    CHECK(stream.holding());
    // A notice about the session queues behind what is held for the slow subscriber.
    CHECK(stream.send_notice("s", 1, R"({"jsonrpc":"2.0","method":"session/stopped","params":{"session":"s"}})"));
    CHECK(slow->sent.empty());
    slow->accepting = true;
    stream.flush();
    CHECK(slow->seqs() == range(1, 10));
    CHECK(slow->gaps().empty());
    CHECK(slow->sent.back()["method"] == "session/stopped");
    CHECK_FALSE(stream.holding());
    CHECK_FALSE(stream.backlogged("s"));
  }

  TEST_CASE("a departed transport is dropped; memory per subscriber stays bounded") {
    EventStream stream([] {}, EventBatchLimits{8, 1u << 20});
    auto a = std::make_shared<FakeTransport>(1);
    auto gone = std::make_shared<FakeTransport>(2);
    stream.subscribe("s", a);
    stream.subscribe("s", gone);
    gone.reset();
    for (int i = 1; i <= 100; ++i) stream.publish("s", event(i));
    stream.flush();
    CHECK(stream.subscriber_count("s") == 1);
    CHECK(a->seqs() == range(1, 100));
    stream.unsubscribe_all(1);
    CHECK(stream.subscriber_count("s") == 0);
  }

  TEST_CASE("events with invalid UTF-8 are still delivered") {
    EventStream stream([] {});
    auto a = std::make_shared<FakeTransport>(1);
    stream.subscribe("s", a);
    stream.publish("s", Json{{"seq", 1}, {"event", "print"}, {"text", std::string("\xff")}});
    stream.flush();
    REQUIRE(a->sent.size() == 1);
    CHECK(a->sent[0]["params"]["events"][0]["text"] == "\xef\xbf\xbd");
  }
}
