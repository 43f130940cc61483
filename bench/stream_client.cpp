// The end-to-end streaming client of bench/stream_bench.py: connects to a running
// tasklensd, starts a chatty session subscribed, and reads it to the end through the
// same code as `tasklens` (client/connection + client/event_feed: framing, JSON parse of
// every batch, one FeedItem per event holding the client's Event, folded into the
// TaskModel that `top` and `tasks` read), so the figure is daemon -> parsed by a client.
// The session is started with waitForSubscribers, so the daemon never outruns the client:
// the figure is the rate at which every event reaches the client, parsed, none dropped.
// Usage: stream_client SOCKET_PATH N   (prints one JSON line: events, dropped, seconds)
//
// Latency (issue 8, "from a transition to the client having parsed it"):
//        stream_client SOCKET_PATH --latency steady|burst CLIENTS
// forks CLIENTS subscribers, then starts a real-clock session whose scenario cancels and
// uncancels a task at a steady 1 kHz for 2 s (steady) or in bursts of 200 every 50 ms
// (burst). Under the real clock an event's `t` is the session's clock when it was emitted:
// CLOCK_MONOTONIC (steady_clock) minus the instant the session started running, speed 1
// (daemon/session/session_clock.h). Each subscriber finds that instant by sampling
// `session/list`'s live `time` between two readings of its own CLOCK_MONOTONIC during the
// scenario's quiet 0.5 s lead-in, which bounds it to [lo, hi] (hi - lo: one round trip at
// best). An event's latency is then (monotonic when parsed) - (lo + t): an upper bound,
// never an underestimate. Prints one JSON line: events, median/p99/max in microseconds over
// every subscriber's events, the worst subscriber's p99, and the clock uncertainty hi - lo.
//
// The bench rule of the Makefile links only the daemon and protocol libraries, so the
// client's source files are compiled into this binary here.
#include "client/connection.cpp"
#include "client/event_feed.cpp"
#include "client/json_reader.cpp"
#include "client/model/event.cpp"
#include "client/model/task_model.cpp"
#include "client/render/jsonl.cpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

double mono_now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

constexpr double kLeadIn = 0.5;  // the scenario's quiet start, when subscribers map the clock

std::string latency_scenario(const std::string& kind) {
    std::string body = kind == "burst"
                           // 40 bursts of 200 cancel/uncancel cycles (600 events), 50 ms apart
                           ? "    for b in range(40):\n"
                             "        for i in range(200):\n"
                             "            t.cancel()\n"
                             "            await asyncio.sleep(0)\n"
                             "        await asyncio.sleep(0.05)\n"
                           // one cancel/uncancel cycle (3 events) every millisecond for 2 s
                           : "    for i in range(2000):\n"
                             "        t.cancel()\n"
                             "        await asyncio.sleep(0.001)\n";
    return "import asyncio\n"
           "stop = False\n"
           "async def victim():\n"
           "    while True:\n"
           "        try:\n"
           "            await asyncio.sleep(3600)\n"
           "        except asyncio.CancelledError:\n"
           "            asyncio.current_task().uncancel()\n"
           "            if stop:\n"
           "                return\n"
           "async def main():\n"
           "    global stop\n"
           "    await asyncio.sleep(" + std::to_string(kLeadIn) + ")\n"
           "    t = asyncio.create_task(victim())\n"
           "    await asyncio.sleep(0)\n" +
           body +
           "    stop = True\n"
           "    t.cancel()\n"
           "    await t\n";
}

// One subscriber: waits for the session's first event, maps its clock, then measures every
// event emitted after the lead-in until the session exits. Writes "uncertainty_us" and then
// one latency (us) per line to `out`.
int latency_subscriber(const std::string& socket, int index, int ready_fd, FILE* out) {
    using namespace tl::client;
    ConnectOptions opts;
    opts.connect = "unix:" + socket;
    auto conn = Connection::open(opts);
    conn->request("session/subscribe", Json{{"session", "*"}});
    if (::write(ready_fd, "r", 1) != 1) return 1;
    ::close(ready_fd);
    auto feed = make_session_feed(std::move(conn), "*");
    TaskModel model;
    std::vector<double> lat;
    double lo = -1e300, hi = 1e300;
    bool mapped = false;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
        auto item = feed->next(1000);
        if (!item) {
            if (feed->ended() || std::chrono::steady_clock::now() > deadline) break;
            continue;
        }
        if (item->kind == FeedItem::Kind::exited) break;
        if (item->kind != FeedItem::Kind::event) continue;
        double parsed = mono_now();
        const Event& e = item->event;
        model.apply(e);
        if (!mapped) {
            // The session runs: bound the monotonic instant its clock read 0. Subscribers
            // take turns (30 ms apart, well inside the lead-in) so their round trips,
            // hence the bounds, are not widened by each other's requests.
            ::usleep(static_cast<useconds_t>(index) * 30000);
            for (int i = 0; i < 40; ++i) {
                double before = mono_now();
                Json r = feed->call("session/list", Json::object());
                double after = mono_now();
                for (auto& sess : r["sessions"])
                    if (sess["session"] == item->session && sess["time"].is_number()) {
                        double t = sess["time"].get<double>();
                        lo = std::max(lo, before - t);
                        hi = std::min(hi, after - t);
                    }
            }
            mapped = true;
        }
        if (e.has_t && e.t > kLeadIn) lat.push_back((parsed - (lo + e.t)) * 1e6);
    }
    std::fprintf(out, "%.3f\n", (hi - lo) * 1e6);
    for (double l : lat) std::fprintf(out, "%.3f\n", l);
    std::fclose(out);
    return mapped ? 0 : 1;
}

int latency_main(const std::string& socket, const std::string& kind, int clients) {
    using namespace tl::client;
    struct Child {
        pid_t pid;
        int fd;
    };
    std::vector<Child> children;
    for (int c = 0; c < clients; ++c) {
        int data[2], ready[2];
        if (::pipe(data) != 0 || ::pipe(ready) != 0) return 1;
        pid_t pid = ::fork();
        if (pid == 0) {
            ::close(data[0]);
            ::close(ready[0]);
            int rc = 1;
            try {
                rc = latency_subscriber(socket, c, ready[1], ::fdopen(data[1], "w"));
            } catch (const std::exception& e) {
                std::fprintf(stderr, "stream_client subscriber: %s\n", e.what());
            }
            ::_exit(rc);
        }
        ::close(data[1]);
        ::close(ready[1]);
        char b;
        if (::read(ready[0], &b, 1) != 1) return 1;  // subscribed
        ::close(ready[0]);
        children.push_back({pid, data[0]});
    }
    ConnectOptions opts;
    opts.connect = "unix:" + socket;
    auto conn = Connection::open(opts);
    conn->request("session/start", Json{{"source", latency_scenario(kind)}, {"name", "latency_" + kind + ".py"},
                                        {"clock", "real"}, {"diagnostics", false}});
    std::vector<double> all;
    double worst_p99 = 0, worst_uncertainty = 0;
    bool ok = true;
    for (auto& c : children) {
        FILE* in = ::fdopen(c.fd, "r");
        std::vector<double> mine;
        double u = 0;
        ok = ok && std::fscanf(in, "%lf", &u) == 1;
        double v;
        while (std::fscanf(in, "%lf", &v) == 1) mine.push_back(v);
        std::fclose(in);
        int status = 0;
        ::waitpid(c.pid, &status, 0);
        ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0 && !mine.empty();
        worst_uncertainty = std::max(worst_uncertainty, u);
        std::sort(mine.begin(), mine.end());
        if (!mine.empty()) worst_p99 = std::max(worst_p99, mine[mine.size() * 99 / 100]);
        all.insert(all.end(), mine.begin(), mine.end());
    }
    if (!ok || all.empty()) {
        std::fprintf(stderr, "stream_client: a subscriber failed\n");
        return 1;
    }
    std::sort(all.begin(), all.end());
    std::printf("{\"mode\": \"%s\", \"clients\": %d, \"events\": %zu, \"median_us\": %.1f, \"p99_us\": %.1f, "
                "\"max_us\": %.1f, \"worst_client_p99_us\": %.1f, \"clock_uncertainty_us\": %.1f}\n",
                kind.c_str(), clients, all.size(), all[all.size() / 2], all[all.size() * 99 / 100], all.back(),
                worst_p99, worst_uncertainty);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace tl::client;
    if (argc == 5 && std::strcmp(argv[2], "--latency") == 0) {
        try {
            return latency_main(argv[1], argv[3], std::atoi(argv[4]));
        } catch (const std::exception& e) {
            std::fprintf(stderr, "stream_client: %s\n", e.what());
            return 1;
        }
    }
    if (argc != 3) {
        std::fprintf(stderr, "usage: stream_client SOCKET_PATH N | SOCKET_PATH --latency steady|burst CLIENTS\n");
        return 2;
    }
    long n = std::atol(argv[2]);
    // n print events (as stream_bench.py's chatty), yielding to the loop every 100 so that
    // waitForSubscribers can hold the run between steps (sleep(0) emits no event).
    std::string source = "import asyncio\nasync def main():\n    for i in range(" + std::to_string(n) +
                         "):\n        print(i)\n        if i % 100 == 99:\n            await asyncio.sleep(0)\n";
    try {
        ConnectOptions opts;
        opts.connect = std::string("unix:") + argv[1];
        auto conn = Connection::open(opts);
        auto t0 = std::chrono::steady_clock::now();
        Json r = conn->request("session/start", Json{{"source", source}, {"name", "chatty.py"},
                                                     {"subscribe", true}, {"diagnostics", false},
                                                     {"waitForSubscribers", true}});
        auto feed = make_session_feed(std::move(conn), r["session"].get<std::string>());
        TaskModel model;
        long events = 0, dropped = 0, last_seq = 0;
        std::string status;
        auto deadline = t0 + std::chrono::seconds(300);
        for (;;) {
            // next() also returns nothing after a read that completed no message.
            auto item = feed->next(1000);
            if (!item) {
                if (feed->ended() || std::chrono::steady_clock::now() > deadline) break;
                continue;
            }
            if (item->kind == FeedItem::Kind::event) {
                ++events;
                last_seq = item->event.seq;
                model.apply(item->event);
            } else if (item->kind == FeedItem::Kind::dropped) {
                dropped += item->data["count"].get<long>();
            } else if (item->kind == FeedItem::Kind::exited) {
                status = item->data.value("status", "");
                break;
            }
        }
        std::chrono::duration<double> dt = std::chrono::steady_clock::now() - t0;
        std::printf("{\"events\": %ld, \"dropped\": %ld, \"last_seq\": %ld, \"seconds\": %.6f, \"status\": \"%s\"}\n",
                    events, dropped, last_seq, dt.count(), status.c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "stream_client: %s\n", e.what());
        return 1;
    }
}
