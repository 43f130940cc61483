// The heap budget behind `--max-heap`: the process's replaceable operator new/delete count
// the bytes live on the C++ heap (every Python object, str, list and dict buffer), so
// the VM can stop a scenario as soon as it passes its limit instead of sampling malloc
// statistics now and then. Crossing the limit asks the VM for a limit check at its next
// tick; one allocation that alone would overshoot the limit by far (s = s + s at a
// gigabyte) is refused with std::bad_alloc, which the VM turns into the limit error.
#pragma once

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

}  // namespace tl::script::heap
