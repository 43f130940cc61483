// Which CPython's asyncio the runtime emulates. Every behaviour that differs between
// versions asks one of these predicates, so `grep` finds each difference in one place.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tl::rt {

enum class PyVersion { V3_11 = 311, V3_12 = 312, V3_13 = 313, V3_14 = 314 };

inline constexpr PyVersion kDefaultVersion = PyVersion::V3_14;

std::optional<PyVersion> parse_version(std::string_view s);  // "3.11" … "3.14"
std::string version_name(PyVersion v);

struct Semantics {
    PyVersion version = kDefaultVersion;

    bool at_least(PyVersion v) const { return static_cast<int>(version) >= static_cast<int>(v); }

    // Task.uncancel(): reaching zero clears a pending _must_cancel (gh-102780, 3.13).
    bool uncancel_rescinds_must_cancel() const { return at_least(PyVersion::V3_13); }
    // Task(eager_start=True) and eager task factories exist from 3.12.
    bool has_eager_start() const { return at_least(PyVersion::V3_12); }
    // Timeout.__aexit__ converts CancelledError subclasses and inserts TimeoutError into
    // other exceptions' context (3.13).
    bool timeout_converts_subclasses() const { return at_least(PyVersion::V3_13); }
    // TaskGroup: uncancel the parent after waiting for children, re-arm an outer cancel,
    // treat CancelledError subclasses as cancellation (3.13).
    bool taskgroup_late_uncancel() const { return at_least(PyVersion::V3_13); }
    // TaskGroup.create_task handles an eagerly finished child at once (3.12, 3.13 only).
    bool taskgroup_eager_shortcut() const {
        return at_least(PyVersion::V3_12) && !at_least(PyVersion::V3_14);
    }
    // wait_for is `async with timeout()` around an inline await (3.12+); 3.11 runs its
    // own task, waiter future and timer.
    bool wait_for_uses_timeout() const { return at_least(PyVersion::V3_12); }
};

}  // namespace tl::rt
