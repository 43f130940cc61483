// The heap budget behind `--max-heap`: the process's replaceable operator new/delete count
// the bytes live on the C++ heap (every Python object, str, list and dict buffer), so
// the VM can stop a scenario as soon as it passes its limit instead of sampling malloc
// statistics now and then. Crossing the limit asks the VM for a limit check at its next
// tick; one allocation that alone would overshoot the limit by far (s = s + s at a
// gigabyte) is refused with std::bad_alloc, which the VM turns into the limit error.
// The counters and this API live in the daemon library; the counting operators
// themselves are heap_operators.cpp, linked only into tasklensd and the test binaries,
// so other programs linking the library keep the plain allocator (live_bytes() stays 0).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace tl::script::heap {

// Bytes currently allocated through operator new (usable sizes, so what malloc holds).
uint64_t live_bytes();

// The limit in bytes (0: none) and the function called, on the allocating thread, when an
// allocation leaves the live bytes above it. Returns the previous limit.
using OverLimit = void (*)();
uint64_t set_limit(uint64_t bytes, OverLimit over);
uint64_t limit();

// Whether an allocation of `n` more bytes is refused outright (bad_alloc) rather than
// allowed and stopped at the next check: only large requests that would end far above
// the limit.
bool refuses(std::size_t n);

// The counters, for heap_operators.cpp only. Relaxed loads and stores, not locked
// read-modify-writes: the daemon allocates from one thread only (no std::thread, no
// async logger; libuv's own threads allocate with malloc, never through operator new).
namespace detail {
extern std::atomic<uint64_t> g_live;
extern std::atomic<uint64_t> g_limit;
extern std::atomic<OverLimit> g_over;
}  // namespace detail

}  // namespace tl::script::heap
