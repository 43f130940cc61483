// The replaceable global allocation functions ([new.delete]) with byte accounting for the
// VM's heap limit; see heap_budget.h. Sizes come from malloc_usable_size so that delete
// needs no size and the count matches what malloc really holds. The counters are touched
// on every allocation, so they are updated with a relaxed load and store, not a locked
// read-modify-write: the daemon allocates from one thread only (no std::thread, no async
// logger; libuv's own threads allocate with malloc, never through operator new).
#include "daemon/script/heap_budget.h"

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>

namespace tl::script::heap {
namespace {

std::atomic<uint64_t> g_live{0};
std::atomic<uint64_t> g_limit{0};
std::atomic<OverLimit> g_over{nullptr};

constexpr std::size_t kLargeRequest = std::size_t(1) << 20;

}  // namespace

uint64_t live_bytes() { return g_live.load(std::memory_order_relaxed); }
uint64_t limit() { return g_limit.load(std::memory_order_relaxed); }

uint64_t set_limit(uint64_t bytes, OverLimit over) {
    g_over.store(over, std::memory_order_relaxed);
    return g_limit.exchange(bytes, std::memory_order_relaxed);
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

namespace {

void account_alloc(void* p) {
    uint64_t sz = malloc_usable_size(p);
    uint64_t now = g_live.load(std::memory_order_relaxed) + sz;
    g_live.store(now, std::memory_order_relaxed);
    uint64_t lim = g_limit.load(std::memory_order_relaxed);
    if (lim && now > lim) {
        if (OverLimit over = g_over.load(std::memory_order_relaxed)) over();
    }
}

void account_free(void* p) {
    if (p) g_live.store(g_live.load(std::memory_order_relaxed) - malloc_usable_size(p), std::memory_order_relaxed);
}

void* allocate(std::size_t n, std::size_t align, bool nothrow) {
    if (n == 0) n = 1;
    void* p = nullptr;
    if (n < kLargeRequest || !refuses(n)) {  // small requests skip the call
        if (align <= alignof(std::max_align_t)) {
            p = std::malloc(n);
        } else if (posix_memalign(&p, align, n) != 0) {
            p = nullptr;
        }
    }
    if (!p) {
        if (nothrow) return nullptr;
        throw std::bad_alloc();
    }
    account_alloc(p);
    return p;
}

void release(void* p) {
    account_free(p);
    std::free(p);
}

}  // namespace
}  // namespace tl::script::heap

using tl::script::heap::allocate;
using tl::script::heap::release;

void* operator new(std::size_t n) { return allocate(n, 0, false); }
void* operator new[](std::size_t n) { return allocate(n, 0, false); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
    try {
        return allocate(n, 0, true);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, const std::nothrow_t& t) noexcept { return operator new(n, t); }
void* operator new(std::size_t n, std::align_val_t a) { return allocate(n, static_cast<std::size_t>(a), false); }
void* operator new[](std::size_t n, std::align_val_t a) { return allocate(n, static_cast<std::size_t>(a), false); }
void* operator new(std::size_t n, std::align_val_t a, const std::nothrow_t&) noexcept {
    try {
        return allocate(n, static_cast<std::size_t>(a), true);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t& t) noexcept { return operator new(n, a, t); }

void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete(void* p, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { release(p); }
