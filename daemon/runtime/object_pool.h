// Free lists of small fixed-size blocks for the runtime's short-lived objects: a future,
// a timer or ready handle, a sleep coroutine and a callback list are made and dropped on
// every await, and malloc+free with the heap budget's accounting cost ~200 instructions a
// pair there (issue 8). Classes opt in with TL_POOLED_ALLOCATION; containers use PoolAllocator.
//
// Blocks come from (and past the cap go back to) the global operator new/delete, so the
// heap budget still counts them; a freed block waits in its size class's list (at most
// kMaxFree blocks a class, so a bulk free of 20,000 tasks mostly goes back to malloc).
// One list per thread (the daemon allocates from one thread; a block freed on another
// thread simply joins that thread's list). Under AddressSanitizer the pool is bypassed, so
// use-after-free of runtime objects stays visible to `make test SAN=1`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>

namespace tl::rt::pool {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kEnabled = false;
#else
inline constexpr bool kEnabled = true;
#endif

// Size classes match glibc's chunks: class k holds blocks of 16k+8 usable bytes (a chunk
// of 16k+16), so rounding a request up to its class never moves it to a bigger chunk.
inline constexpr size_t kClasses = 24;  // blocks of 8..376 bytes
inline constexpr size_t kMaxSize = 16 * (kClasses - 1) + 8;
inline constexpr uint32_t kMaxFree = 512;

struct FreeBlock {
    FreeBlock* next;
};

struct SizeClass {
    FreeBlock* head;
    uint32_t count;
};

// Zero-initialised, trivially destructible: thread_local access needs no guard.
inline thread_local SizeClass t_classes[kClasses];

inline size_t class_of(size_t n) { return (n + 7) / 16; }
inline size_t class_size(size_t k) { return 16 * k + 8; }

inline void* allocate(size_t n) {
    if (kEnabled && n != 0 && n <= kMaxSize) {
        size_t k = class_of(n);
        SizeClass& c = t_classes[k];
        if (FreeBlock* b = c.head) {
            c.head = b->next;
            --c.count;
            return b;
        }
        // The class's full size, so any request of the class can reuse the block.
        return ::operator new(class_size(k));
    }
    return ::operator new(n);
}

inline void release(void* p, size_t n) {
    if (!p) return;
    if (kEnabled && n != 0 && n <= kMaxSize) {
        SizeClass& c = t_classes[class_of(n)];
        if (c.count < kMaxFree) {
            auto* b = static_cast<FreeBlock*>(p);
            b->next = c.head;
            c.head = b;
            ++c.count;
            return;
        }
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
