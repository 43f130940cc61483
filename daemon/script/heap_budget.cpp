// The heap budget's counters and limit (see heap_budget.h). The accounting operator
// new/delete that update the counters are heap_operators.cpp, outside this library.
#include "daemon/script/heap_budget.h"

#include <algorithm>

namespace tl::script::heap {

namespace detail {
std::atomic<uint64_t> g_live{0};
std::atomic<uint64_t> g_limit{0};
std::atomic<OverLimit> g_over{nullptr};
}  // namespace detail

namespace {
constexpr std::size_t kLargeRequest = std::size_t(1) << 20;
}  // namespace

uint64_t live_bytes() { return detail::g_live.load(std::memory_order_relaxed); }
uint64_t limit() { return detail::g_limit.load(std::memory_order_relaxed); }

uint64_t set_limit(uint64_t bytes, OverLimit over) {
    detail::g_over.store(over, std::memory_order_relaxed);
    return detail::g_limit.exchange(bytes, std::memory_order_relaxed);
}

bool refuses(std::size_t n) {
    if (n < kLargeRequest) return false;  // tested first: the fast path loads nothing
    uint64_t lim = limit();
    if (!lim) return false;
    // Slack of an eighth of the limit: a growing list or dict whose next buffer just
    // crosses the limit is stopped at the next tick instead, with a clean trace.
    uint64_t slack = std::max<uint64_t>(lim / 8, kLargeRequest);
    return live_bytes() + n > lim + slack;
}

}  // namespace tl::script::heap
