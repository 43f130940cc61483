// The end-to-end streaming client of bench/stream_bench.py: connects to a running
// tasklensd, starts a chatty session subscribed, and reads it to the end through the
// same code as `tasklens` (client/connection + client/event_feed: framing, JSON parse of
// every batch, one FeedItem per event), so the figure is daemon -> parsed by a client.
// The session is started with waitForSubscribers, so the daemon never outruns the client:
// the figure is the rate at which every event reaches the client, parsed, none dropped.
// Usage: stream_client SOCKET_PATH N   (prints one JSON line: events, dropped, seconds)
//
// The bench rule of the Makefile links only the daemon and protocol libraries, so the
// client's source files are compiled into this binary here.
#include "client/connection.cpp"
#include "client/event_feed.cpp"
#include "client/json_reader.cpp"
#include "client/render/jsonl.cpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <new>

// The plain allocator of `tasklens`. Linking the daemon library would otherwise pull in
// daemon/script/heap_budget.cpp's accounting operator new (the archive member that first
// defines it wins), which `tasklens` does not have and which costs a malloc_usable_size
// per allocation: the figure would not be the client's.
namespace {
void* plain_new(std::size_t n, std::size_t align = 0) {
    if (n == 0) n = 1;
    void* p = nullptr;
    if (align <= alignof(std::max_align_t)) p = std::malloc(n);
    else if (posix_memalign(&p, align, n) != 0) p = nullptr;
    if (!p) throw std::bad_alloc();
    return p;
}
}  // namespace
void* operator new(std::size_t n) { return plain_new(n); }
void* operator new[](std::size_t n) { return plain_new(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return std::malloc(n ? n : 1); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return std::malloc(n ? n : 1); }
void* operator new(std::size_t n, std::align_val_t a) { return plain_new(n, static_cast<std::size_t>(a)); }
void* operator new[](std::size_t n, std::align_val_t a) { return plain_new(n, static_cast<std::size_t>(a)); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    void* p = nullptr;
    return posix_memalign(&p, static_cast<std::size_t>(a), n ? n : 1) == 0 ? p : nullptr;
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t& t) noexcept { return operator new(n, a, t); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }

int main(int argc, char** argv) {
    using namespace tl::client;
    if (argc != 3) {
        std::fprintf(stderr, "usage: stream_client SOCKET_PATH N\n");
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
                last_seq = item->data["seq"].get<long>();
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
