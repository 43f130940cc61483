// The loop's pass structure and timer order (base_events._run_once, heapq).
#include <doctest/doctest.h>

#include "daemon/runtime/heapq.h"
#include "tests/unit/runtime_helpers.h"

using namespace tl;
using namespace tl::rt;

TEST_SUITE("event_loop") {

TEST_CASE("timers sharing a deadline fire in heapq order, not FIFO") {
    // CPython 3.11 and 3.13, checked by hand: eight loop.call_at(t, …) pushed 0..7 inside a
    // task that then sleeps past t (so a ninth, later timer sits in the heap) fire as
    // 0,2,6,5,7,1,3,4; the same eight alone in heapq pop as 0,2,6,5,7,4,1,3.
    for (bool with_sleeper : {true, false}) {
        VirtualClock clock;
        EventLoop loop(clock, Semantics{});
        std::vector<int> fired;
        for (int i = 0; i < 8; ++i) loop.call_later_fn(1.0, [&fired, i] { fired.push_back(i); });
        if (with_sleeper) loop.call_later_fn(1.5, [] {});
        while (fired.size() < 8 && loop.run_once_virtual()) {
        }
        if (with_sleeper) {
            CHECK(fired == std::vector<int>{0, 2, 6, 5, 7, 1, 3, 4});
        } else {
            CHECK(fired == std::vector<int>{0, 2, 6, 5, 7, 4, 1, 3});
        }
        CHECK(clock.now() == 1.0);
    }
}

TEST_CASE("callbacks scheduled during a pass run in the next pass") {
    VirtualClock clock;
    EventLoop loop(clock, Semantics{});
    std::vector<std::string> order;
    loop.call_soon_fn([&] {
        order.push_back("a");
        loop.call_soon_fn([&] { order.push_back("c"); });
    });
    loop.call_soon_fn([&] { order.push_back("b"); });
    loop.run_once_virtual();
    CHECK(order == std::vector<std::string>{"a", "b"});
    loop.run_once_virtual();
    CHECK(order == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("a cancelled timer never runs and is dropped from the heap head") {
    VirtualClock clock;
    EventLoop loop(clock, Semantics{});
    int ran = 0;
    auto h = loop.call_later_fn(1.0, [&] { ++ran; });
    loop.call_later_fn(2.0, [&] { ran += 10; });
    h->cancel();
    CHECK(h->cancelled());
    loop.run_once_virtual();
    CHECK(ran == 10);
    CHECK(clock.now() == 2.0);
    CHECK(loop.timer_count() == 0);
}

TEST_CASE("over 100 timers with more than half cancelled: the heap is rebuilt") {
    VirtualClock clock;
    EventLoop loop(clock, Semantics{});
    std::vector<Ref<TimerHandle>> hs;
    for (int i = 0; i < 150; ++i) hs.push_back(loop.call_later_fn(1.0 + i, [] {}));
    for (int i = 1; i < 150; i += 1) {
        if (i % 4 != 0) hs[i]->cancel();
    }
    loop.prepare_pass();
    CHECK(loop.timer_count() == 38);
    for (auto& h : hs) {
        if (h->cancelled()) CHECK_FALSE(h->scheduled);
    }
}

TEST_CASE("timers due within the clock resolution run in the same pass") {
    VirtualClock clock;
    EventLoop loop(clock, Semantics{});
    std::vector<int> fired;
    loop.call_at_fn(1.0, [&] { fired.push_back(1); });
    loop.call_at_fn(1.0 + 5e-10, [&] { fired.push_back(2); });
    loop.call_at_fn(1.0 + 2e-9, [&] { fired.push_back(3); });
    loop.run_once_virtual();
    CHECK(fired == std::vector<int>{1, 2});
}

TEST_CASE("heapq pop order matches CPython for a mixed sequence") {
    // heapq.heappush of [5,3,8,3,1,9,3] then pops: values come out sorted; the identity
    // of equal keys follows the sift order (checked against CPython: indices 4,6,1,3,0,2,5).
    std::vector<std::pair<int, int>> heap;
    auto less = [](const auto& a, const auto& b) { return a.first < b.first; };
    int vals[] = {5, 3, 8, 3, 1, 9, 3};
    for (int i = 0; i < 7; ++i) heapq::push(heap, std::pair{vals[i], i}, less);
    std::vector<int> idx;
    while (!heap.empty()) idx.push_back(heapq::pop(heap, less).second);
    CHECK(idx == std::vector<int>{4, 6, 1, 3, 0, 2, 5});
}

}
