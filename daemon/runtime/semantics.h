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
    // TaskGroup.create_task creates the child unnamed (Task-N, the number used up) and
    // renames it afterwards with set_name (3.11, 3.12); 3.13 passes name= to create_task.
    bool taskgroup_names_task_after_creation() const { return !at_least(PyVersion::V3_13); }
    // asyncio.create_task(coro, name=...) (tasks.py) calls loop.create_task(coro) — the
    // task is Task-N, the number used up — then tasks._set_task_name(task, name) (3.11,
    // 3.12); 3.13 passes name= to loop.create_task. loop.create_task never differs.
    bool create_task_names_after_creation() const { return !at_least(PyVersion::V3_13); }
    // TaskGroup.create_task closes the coroutine it refuses (not entered, finished,
    // shutting down) (3.13).
    bool taskgroup_closes_rejected_coro() const { return at_least(PyVersion::V3_13); }
    // TaskGroup.__aexit__ drops _errors and _base_error on its way out, whatever happened
    // (3.14, gh-128552); before, only raising the group clears _errors (seen in repr).
    bool taskgroup_clears_errors_on_exit() const { return at_least(PyVersion::V3_14); }
    // loop.create_task with a task factory set (e.g. eager_task_factory) creates the task
    // unnamed (Task-N) and then calls task.set_name(name) even when name is None, so the
    // task is named "None" (3.13.0's base_events); 3.12 skips None, 3.14 passes name on.
    bool task_factory_renames_to_none() const { return version == PyVersion::V3_13; }
    // wait_for is `async with timeout()` around an inline await (3.12+); 3.11 runs its
    // own task, waiter future and timer.
    bool wait_for_uses_timeout() const { return at_least(PyVersion::V3_12); }
    // gather(): children already done when gather is called are handled right after the
    // outer future exists, inside the call (3.12+); 3.11 registers a done-callback, which
    // runs one loop pass later.
    bool gather_handles_done_children_at_once() const { return at_least(PyVersion::V3_12); }
    // shield(): when the outer future is done first, the inner one gets _log_on_exception,
    // so its exception is reported instead of being marked retrieved (3.14).
    bool shield_logs_orphaned_exception() const { return at_least(PyVersion::V3_14); }
    // Semaphore.acquire (locks.py, 3.13 rewrite): a `finally` wakes waiters while _value > 0
    // on every exit, and a waiter woken then cancelled only gives its unit back; 3.11/3.12
    // re-wake one waiter from the except clause, and one more after a successful wait.
    bool semaphore_wakes_in_finally() const { return at_least(PyVersion::V3_13); }
    // Condition.wait: a CancelledError caught while re-acquiring the lock is re-raised as
    // that very instance (3.13); 3.11/3.12 raise a new, message-less CancelledError.
    bool condition_wait_reraises_caught_cancel() const { return at_least(PyVersion::V3_13); }
    // Condition.wait: leaving with any exception passes one notification on (_notify(1)),
    // so a waiter notified then cancelled does not swallow the wake-up (3.13).
    bool condition_wait_passes_notify_on() const { return at_least(PyVersion::V3_13); }
    // Queue.shutdown() and QueueShutDown (3.13).
    bool queue_has_shutdown() const { return at_least(PyVersion::V3_13); }
    // Barrier(parties < 1) says 'parties must be >= 1' (3.14); before, 'parties must be > 0'.
    bool barrier_parties_message_ge_1() const { return at_least(PyVersion::V3_14); }
    // generator.close() / coroutine.close() return the value the frame returned while
    // handling GeneratorExit (gh-104770, 3.13); before, close() always returns None.
    bool close_returns_value() const { return at_least(PyVersion::V3_13); }
    // A warning issued with no Python frame to point at (e.g. a never-awaited coroutine
    // freed at shutdown) is located at "<sys>:0" from 3.13, "sys:1" before.
    bool frameless_warning_at_sys_0() const { return at_least(PyVersion::V3_13); }
    // An exception thrown into aclose()'s awaitable (async_gen_athrow_throw, e.g. the
    // awaiting task's CancelledError) that leaves the generator clears ag_running_async
    // from 3.13; before, the generator stays "already running" for good.
    bool aclose_throw_error_resets_running() const { return at_least(PyVersion::V3_13); }
};

}  // namespace tl::rt
