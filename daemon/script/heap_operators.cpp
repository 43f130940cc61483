// The replaceable global allocation functions ([new.delete]) that count bytes for the
// heap budget (heap_budget.h). Deliberately not part of libtasklensd.a (the Makefile
// links this object into tasklensd and the test binaries only): a program that links the
// library for something else keeps the plain allocator. Sizes come from
// malloc_usable_size so that delete needs no size and the count matches what malloc
// really holds.
#include <malloc.h>

#include <cstdlib>
#include <new>

#include "daemon/script/heap_budget.h"

namespace tl::script::heap {
namespace {

using detail::g_limit;
using detail::g_live;
using detail::g_over;

constexpr std::size_t kLargeRequest = std::size_t(1) << 20;

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
