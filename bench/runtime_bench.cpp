// The runtime microbenchmark of issue 2, driven from C++ (no interpreter): N tasks are
// created under a TaskGroup, each cancelled twice, each catches the CancelledError and
// uncancels twice, and the group awaits them all. Reports time per task, per transition
// and peak memory, with no observer and with JSONL tracing to /dev/null, and counts heap
// allocations per task through a replaced global operator new.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>

#include "daemon/runtime/native_coro.h"
#include "daemon/runtime/runner.h"
#include "daemon/runtime/sleep.h"
#include "daemon/runtime/task.h"
#include "daemon/runtime/task_group.h"
#include "daemon/trace/jsonl_writer.h"

using namespace tl;
using namespace tl::rt;

// Every operator new in the process is counted (single-threaded: a plain counter).
static uint64_t g_allocations = 0;
void* operator new(std::size_t n) {
    ++g_allocations;
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

Native child(EventLoop& loop) {
    Outcome o = co_await delegate(sleep(loop, 10));
    if (!o.ok()) {
        Task* me = loop.current_task();
        me->uncancel();
        me->uncancel();
    }
    co_return Outcome::ok(Value::none());
}

Native body(EventLoop& loop, int n) {
    Ref<TaskGroup> tg = make_task_group(loop);
    Outcome e = co_await delegate(tg->aenter());
    if (!e.ok()) co_return e;
    std::vector<Ref<Task>> tasks;
    tasks.reserve(n);
    for (int i = 0; i < n; ++i) {
        Outcome t = tg->create_task(native(child(loop), "child"));
        if (!t.ok()) co_return t;
        tasks.emplace_back(t.value.obj_as<Task>());
    }
    co_await delegate(sleep(loop, 0));
    for (auto& t : tasks) {
        t->cancel();
        t->cancel();
    }
    tasks.clear();
    Outcome x = co_await delegate(tg->aexit(nullptr));
    co_return x;
}

long peak_rss_kib() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

struct Counter : Observer {
    uint64_t n = 0;
    void on_event(const Event&) override { ++n; }
};

double run_once(int n, Observer* obs, uint64_t* events) {
    VirtualClock clock;
    EventLoop loop(clock, Semantics{}, obs);
    auto t0 = std::chrono::steady_clock::now();
    RunResult r = run_virtual(loop, native(body(loop, n), "main"));
    auto t1 = std::chrono::steady_clock::now();
    if (r.status != DoneState::Finished) {
        std::fprintf(stderr, "runtime_bench: the workload did not finish cleanly\n");
        std::exit(1);
    }
    if (events) *events = 0;
    return std::chrono::duration<double>(t1 - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    int n = argc > 1 ? std::atoi(argv[1]) : 100000;
    int reps = argc > 2 ? std::atoi(argv[2]) : 5;
    long rss_before = peak_rss_kib();
    // Count the transitions once: task_created, 2 cancel, throw, 2 uncancel, done per task.
    Counter counter;
    uint64_t allocs_before = g_allocations;
    run_once(n, &counter, nullptr);
    uint64_t allocs = g_allocations - allocs_before;
    long rss_after = peak_rss_kib();
    double best_plain = 1e9, best_traced = 1e9;
    std::FILE* devnull = std::fopen("/dev/null", "w");
    for (int i = 0; i < reps; ++i) {
        best_plain = std::min(best_plain, run_once(n, nullptr, nullptr));
        trace::JsonlWriter w(devnull);
        best_traced = std::min(best_traced, run_once(n, &w, nullptr));
    }
    std::fclose(devnull);
    double per_task = best_plain / n * 1e9;
    double per_transition = best_plain / static_cast<double>(counter.n) * 1e9;
    std::printf("runtime_bench: %d tasks, %llu transitions, best of %d\n", n,
                static_cast<unsigned long long>(counter.n), reps);
    std::printf("  no observer : %.1f ms  = %.0f ns/task, %.0f ns/transition\n", best_plain * 1e3,
                per_task, per_transition);
    std::printf("  jsonl traced: %.1f ms  = %.0f ns/task, %.0f ns/transition\n", best_traced * 1e3,
                best_traced / n * 1e9, best_traced / static_cast<double>(counter.n) * 1e9);
    std::printf("  peak RSS grew %ld KiB over the run = %.0f bytes per live task\n",
                rss_after - rss_before, (rss_after - rss_before) * 1024.0 / n);
    std::printf("  heap allocations: %.2f per task\n", static_cast<double>(allocs) / n);
    return 0;
}
