// Free lists of small fixed-size blocks for the runtime's objects: a future, a timer or
// ready handle, a sleep coroutine, an exception and a callback list are made and dropped on
// every await or cancel, and malloc+free with the heap budget's accounting cost ~200
// instructions a pair there (issue 8). Classes opt in with TL_POOLED_ALLOCATION;
// containers use PoolAllocator.
//
// Blocks are carved from 16 KiB slabs taken from the global operator new (so the heap
// budget counts them) and, once freed, wait in their size class's list for the next
// allocation of the class: a storm of 20,000 tasks allocates its objects by bumping a
// pointer and frees them by pushing them on a list. Slabs are never given back: the pool
// holds the peak of live runtime objects, as a malloc arena would. One pool per thread
// (the daemon allocates from one thread; a block freed on another thread joins that
// thread's lists). Under AddressSanitizer the pool is bypassed, so use-after-free of
// runtime objects stays visible to `make test SAN=1`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>

namespace tl::rt::pool {

// GCC says __SANITIZE_ADDRESS__; clang before 17 (tools/fuzz.sh's clang 14) says only
// __has_feature(address_sanitizer).
#if defined(__SANITIZE_ADDRESS__)
#define TL_POOL_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TL_POOL_UNDER_ASAN 1
#endif
#endif
#if defined(TL_POOL_UNDER_ASAN)
inline constexpr bool kEnabled = false;
#else
inline constexpr bool kEnabled = true;
#endif

// Class k holds requests of 16k-7..16k+8 bytes in blocks of 16k+16 bytes: every block
// keeps operator new's 16-byte alignment.
inline constexpr size_t kClasses = 24;  // requests up to 376 bytes
inline constexpr size_t kMaxSize = 16 * (kClasses - 1) + 8;
inline constexpr size_t kSlabBytes = 16 * 1024;

struct FreeBlock {
    FreeBlock* next;
};

// Zero-initialised, trivially destructible: thread_local access needs no guard.
inline thread_local FreeBlock* t_free[kClasses];
inline thread_local char* t_slab_cur;
inline thread_local char* t_slab_end;

inline size_t class_of(size_t n) { return (n + 7) / 16; }
inline size_t block_size(size_t k) { return 16 * k + 16; }

[[gnu::noinline]] inline void* carve_new_slab(size_t sz) {
    // The rest of the old slab (less than one block of this class) is left unused.
    t_slab_cur = static_cast<char*>(::operator new(kSlabBytes));
    t_slab_end = t_slab_cur + kSlabBytes;
    void* p = t_slab_cur;
    t_slab_cur += sz;
    return p;
}

inline void* allocate(size_t n) {
    if (kEnabled && n != 0 && n <= kMaxSize) {
        size_t k = class_of(n);
        if (FreeBlock* b = t_free[k]) {
            t_free[k] = b->next;
            return b;
        }
        size_t sz = block_size(k);
        if (static_cast<size_t>(t_slab_end - t_slab_cur) < sz) return carve_new_slab(sz);
        void* p = t_slab_cur;
        t_slab_cur += sz;
        return p;
    }
    return ::operator new(n);
}

inline void release(void* p, size_t n) {
    if (!p) return;
    if (kEnabled && n != 0 && n <= kMaxSize) {
        size_t k = class_of(n);
        auto* b = static_cast<FreeBlock*>(p);
        b->next = t_free[k];
        t_free[k] = b;
        return;
    }
    ::operator delete(p);
}

}  // namespace tl::rt::pool

namespace tl::rt {

// Class-specific allocation through the pool, declared inside a class's body. A macro and
// not a base class: a second base, even an empty one, turns the class's RTTI from single
// to multiple inheritance, and every dynamic_cast on it costs twice as much. Sized delete
// gets the dynamic type's size (the most-derived class's deleting destructor passes it),
// so subclasses of any size share their base's operators.
#define TL_POOLED_ALLOCATION                                                                 \
    static void* operator new(size_t n) { return ::tl::rt::pool::allocate(n); }             \
    static void operator delete(void* p, size_t n) { ::tl::rt::pool::release(p, n); }

// A std allocator over the pool, for the small vectors made per await (done-callbacks).
template <class T>
struct PoolAllocator {
    using value_type = T;
    PoolAllocator() = default;
    template <class U>
    PoolAllocator(const PoolAllocator<U>&) {}
    T* allocate(size_t n) { return static_cast<T*>(pool::allocate(n * sizeof(T))); }
    void deallocate(T* p, size_t n) { pool::release(p, n * sizeof(T)); }
    template <class U>
    bool operator==(const PoolAllocator<U>&) const { return true; }
};

}  // namespace tl::rt
