// The replaceable global allocation functions ([new.delete]) that count bytes for the
// heap budget (heap_budget.h). Deliberately not part of libtasklensd.a (the Makefile
// links this object into tasklensd and the test binaries only): a program that links the
// library for something else keeps the plain allocator. Sizes are malloc's usable sizes
// (what malloc really holds, and what delete can find without being told the size),
// read from glibc's chunk header inline (see usable_size) rather than through a call
// to malloc_usable_size on every allocation and free.
#include <malloc.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

#include "daemon/script/heap_budget.h"

namespace tl::script::heap {
namespace {

using detail::g_limit;
using detail::g_live;
using detail::g_over;

constexpr std::size_t kLargeRequest = std::size_t(1) << 20;

#if defined(__SANITIZE_ADDRESS__)
#define TL_HEAP_READ_HEADER 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define TL_HEAP_READ_HEADER 0
#endif
#endif
#if !defined(TL_HEAP_READ_HEADER) && defined(__GLIBC__)
#define TL_HEAP_READ_HEADER 1
#endif
#if !defined(TL_HEAP_READ_HEADER)
#define TL_HEAP_READ_HEADER 0
#endif

#if TL_HEAP_READ_HEADER
// glibc's musable() (malloc.c) for a chunk in use: the size word just before the block,
// low three bits flags; an mmapped chunk (bit 2) has a 16-byte header, a heap chunk
// lends the next chunk's 8-byte prev_size field. Trusted only once checked against
// malloc_usable_size itself at the first allocation (header_state); a sanitizer's
// allocator (whose blocks have no such header) never gets here.
inline uint64_t header_usable(void* p) {
    std::size_t h;  // through an integer address: the word lies before the block on purpose
    std::memcpy(&h, reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(p) - sizeof h), sizeof h);
    return (h & ~std::size_t(7)) - ((h & 2) ? 16 : 8);
}

// 0: not checked yet, 1: the header formula agrees with malloc_usable_size, 2: it does
// not (another malloc): use the call. Constant-initialised, so valid before any static
// constructor allocates.
int g_header_state = 0;

bool header_agrees() {
    static const std::size_t sizes[] = {1, 24, 25, 100, 1000, 4096, 70000, 300000, 4u << 20};
    for (std::size_t n : sizes) {
        void* p = std::malloc(n);
        if (!p) return false;
        bool same = header_usable(p) == malloc_usable_size(p);
        std::free(p);
        if (!same) return false;
    }
    return true;
}

inline uint64_t usable_size(void* p) {
    if (__builtin_expect(g_header_state == 1, 1)) return header_usable(p);
    if (g_header_state == 0) g_header_state = header_agrees() ? 1 : 2;
    return g_header_state == 1 ? header_usable(p) : malloc_usable_size(p);
}
#else
inline uint64_t usable_size(void* p) { return malloc_usable_size(p); }
#endif

inline void account_alloc(void* p) {
    uint64_t now = g_live.load(std::memory_order_relaxed) + usable_size(p);
    g_live.store(now, std::memory_order_relaxed);
    uint64_t lim = g_limit.load(std::memory_order_relaxed);
    if (__builtin_expect(lim != 0 && now > lim, 0)) {
        if (OverLimit over = g_over.load(std::memory_order_relaxed)) over();
    }
}

// Any size, alignment or refusal: the out-of-line path.
[[gnu::noinline]] void* allocate(std::size_t n, std::size_t align, bool nothrow) {
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

// The common case, inline in operator new: a small request that malloc satisfies.
inline void* allocate_small(std::size_t n) {
    if (__builtin_expect(n - 1 < kLargeRequest - 1, 1)) {
        if (void* p = std::malloc(n)) {
            account_alloc(p);
            return p;
        }
    }
    return allocate(n, 0, false);
}

inline void release(void* p) {
    if (p) {
        g_live.store(g_live.load(std::memory_order_relaxed) - usable_size(p), std::memory_order_relaxed);
        std::free(p);
    }
}

}  // namespace
}  // namespace tl::script::heap

using tl::script::heap::allocate;
using tl::script::heap::release;

using tl::script::heap::allocate_small;

void* operator new(std::size_t n) { return allocate_small(n); }
void* operator new[](std::size_t n) { return allocate_small(n); }
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
