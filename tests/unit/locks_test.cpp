// asyncio.locks (Event, Lock, Condition, Semaphore, BoundedSemaphore) in every version:
// ports of the cancellation cases of CPython's test_locks.py as C++ coroutine scenarios.
// Each mirrors a tests/scenarios/runtime/locks/*.py file; the expected traces are the
// reference tracer's output for that file under CPython 3.11.7, 3.12.1 and 3.13.0.
#include <doctest/doctest.h>

#include "daemon/object/str.h"
#include "daemon/runtime/locks.h"
#include "tests/unit/runtime_helpers.h"

using namespace tl;
using namespace tl::rt;
using tl::rt::locks::BoundedSemaphore;
using tl::rt::locks::Condition;
using tl::rt::locks::Lock;
using tl::rt::locks::Semaphore;
using tl::test::World;
using EventPrimitive = tl::rt::locks::Event;  // rt::Event is the trace event
using Trace = std::vector<std::string>;

// Propagates an exception out of the enclosing native coroutine, as an uncaught raise.
#define AWAIT_OR_RAISE(var, expr) \
    Outcome var = co_await (expr); \
    if (!var.ok()) co_return var

namespace {

std::string py(bool b) { return b ? "True" : "False"; }
bool is_cancelled_error(const Outcome& o) { return !o.ok() && o.exc->is_instance(exc_types().CancelledError); }
Outcome none() { return Outcome::ok(Value::none()); }
// The message of an exception as str(e) prints it for one string argument.
std::string msg_of(const Outcome& o) {
    const std::string* m = o.exc ? o.exc->message_str() : nullptr;
    return m ? *m : std::string();
}
// print(value) for the few values these scenarios print.
std::string show(const Value& v) {
    if (v.is_bool()) return py(v.as_bool());
    if (v.is_none()) return "None";
    if (v.is_int()) return std::to_string(v.as_int());
    if (const std::string* s = str_of(v)) return *s;
    return "?";
}
// Version groups: the trace of `v`, with 3.14 taking 3.13's (locks.py is unchanged there
// but for comments and Barrier's message).
[[maybe_unused]] const Trace& pick(PyVersion v, const Trace& v311, const Trace& v312, const Trace& v313) {
    if (v == PyVersion::V3_11) return v311;
    if (v == PyVersion::V3_12) return v312;
    return v313;
}

[[maybe_unused]] Ref<Semaphore> new_semaphore(World& w, int64_t value) {
    Outcome o = Semaphore::make(w.loop, value);
    REQUIRE(o.ok());
    return Ref<Semaphore>(o.value.obj_as<Semaphore>());
}

// ---- lock_acquire_cancel.py ---------------------------------------------------------
Native lock_acquire_cancel(World& w) {
    Ref<Lock> lock(new Lock(w.loop));
    AWAIT_OR_RAISE(a, delegate(lock->acquire()));
    w.print("first acquire: " + show(a.value));
    Ref<Task> task = create_task(w.loop, lock->acquire());
    w.loop.call_soon_fn([task]() { task->cancel(); });
    Outcome o = co_await Ref<Future>(task);
    if (!is_cancelled_error(o)) co_return o;
    w.print("acquire cancelled: " + py(task->cancelled()));
    CHECK(lock->waiters().empty());  // the waiter left _waiters (the `finally`)
    w.print("locked: " + py(lock->locked()));
    lock->release();
    w.print("locked after release: " + py(lock->locked()));
    Outcome r = lock->release();
    if (r.ok() || !r.exc->is_instance(exc_types().RuntimeError)) co_return r;
    w.print("second release: " + msg_of(r));
    co_return none();
}

// ---- lock_cancel_race.py ------------------------------------------------------------
Native lockit_blocking(World& w, Ref<Lock> lock, std::string name, Ref<Future> blocker) {
    AWAIT_OR_RAISE(a, delegate(lock->acquire()));
    w.print(name + " acquired");
    Outcome b = none();
    if (blocker) b = co_await blocker;
    lock->release();  // the `finally`
    w.print(name + " released");
    if (!b.ok()) co_return b;
    co_return none();
}

Native lock_cancel_race(World& w) {
    Ref<Lock> lock(new Lock(w.loop));
    Ref<Future> fa(new Future(&w.loop));
    Ref<Task> ta = create_task(w.loop, native(lockit_blocking(w, lock, "A", fa), "lockit"));
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    w.print("locked: " + py(lock->locked()));
    Ref<Task> tb = create_task(w.loop, native(lockit_blocking(w, lock, "B", nullptr), "lockit"));
    AWAIT_OR_RAISE(s2, delegate(sleep(w.loop, 0)));
    CHECK(lock->waiters().size() == 1);
    Ref<Task> tc = create_task(w.loop, native(lockit_blocking(w, lock, "C", nullptr), "lockit"));
    AWAIT_OR_RAISE(s3, delegate(sleep(w.loop, 0)));
    CHECK(lock->waiters().size() == 2);
    fa->set_result(Value::none());
    tb->cancel();
    CHECK(lock->waiters().front()->cancelled());
    AWAIT_OR_RAISE(s4, delegate(sleep(w.loop, 0)));
    w.print("locked: " + py(lock->locked()) + " A done: " + py(ta->done()) + " B cancelled: " + py(tb->cancelled()));
    AWAIT_OR_RAISE(c, Ref<Future>(tc));
    w.print("C done: " + py(tc->done()) + " locked: " + py(lock->locked()));
    CHECK(lock->waiters().empty());
    co_return none();
}

// ---- lock_cancel_release_race.py ----------------------------------------------------
struct Counts {
    int lock_count = 0;
    int call_count = 0;
};

Native lockit_counting(Ref<Lock> lock, Counts& counts) {
    counts.call_count += 1;
    AWAIT_OR_RAISE(a, delegate(lock->acquire()));
    counts.lock_count += 1;
    co_return none();
}

Native lock_cancel_release_race(World& w, Counts& counts) {
    Ref<Lock> lock(new Lock(w.loop));
    AWAIT_OR_RAISE(a, delegate(lock->acquire()));
    Ref<Task> t1 = create_task(w.loop, native(lockit_counting(lock, counts), "lockit"));
    Ref<Task> t2 = create_task(w.loop, native(lockit_counting(lock, counts), "lockit"));
    Ref<Task> t3 = create_task(w.loop, native(lockit_counting(lock, counts), "lockit"));
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    w.loop.call_soon_fn([t1, lock]() {  // trigger()
        t1->cancel();
        lock->release();
    });
    Outcome o = co_await Ref<Future>(t1);
    if (!is_cancelled_error(o)) co_return o;
    w.print("t1 cancelled");
    w.print("lock_count: " + std::to_string(counts.lock_count) + " call_count: " + std::to_string(counts.call_count));
    w.print("t1 cancelled: " + py(t1->cancelled()) + " t2 done: " + py(t2->done()) + " t3 done: " + py(t3->done()));
    t3->cancel();
    AWAIT_OR_RAISE(s2, delegate(sleep(w.loop, 0)));
    w.print("t3 cancelled: " + py(t3->cancelled()) + " locked: " + py(lock->locked()));
    CHECK(lock->waiters().empty());
    co_return none();
}

// ---- lock_finished_waiter_cancelled.py ------------------------------------------------
Native lock_finished_waiter_cancelled(World& w) {
    Ref<Lock> lock(new Lock(w.loop));
    AWAIT_OR_RAISE(a, delegate(lock->acquire()));
    Ref<Task> tb = create_task(w.loop, lock->acquire());
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    Ref<Task> tc = create_task(w.loop, lock->acquire());
    tb->cancel(make_str("late"));
    lock->release();
    AWAIT_OR_RAISE(s2, delegate(sleep(w.loop, 0)));
    w.print("locked: " + py(lock->locked()) + " tb cancelled: " + py(tb->cancelled()) + " tc done: " + py(tc->done()));
    AWAIT_OR_RAISE(r, Ref<Future>(tc));
    w.print("tc result: " + show(r.value));
    lock->release();
    AWAIT_OR_RAISE(enter, delegate(lock->aenter()));
    w.print("async with: locked = " + py(lock->locked()));
    AWAIT_OR_RAISE(exit, delegate(lock->aexit()));
    w.print("after async with: locked = " + py(lock->locked()));
    co_return none();
}

// ---- lock_woken_then_cancelled.py -----------------------------------------------------
Native acquirer(World& w, Ref<Lock> lock, std::string name) {
    Outcome a = co_await delegate(lock->acquire());
    if (is_cancelled_error(a)) {
        w.print(name + " cancelled, locked: " + py(lock->locked()));
        co_return a;
    }
    if (!a.ok()) co_return a;
    w.print(name + " acquired");
    co_return Outcome::ok(make_str(name));
}

Native lock_woken_then_cancelled(World& w) {
    Ref<Lock> lock(new Lock(w.loop));
    AWAIT_OR_RAISE(a, delegate(lock->acquire()));
    Ref<Task> tb = create_task(w.loop, native(acquirer(w, lock, "B"), "acquirer"));
    Ref<Task> tc = create_task(w.loop, native(acquirer(w, lock, "C"), "acquirer"));
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    lock->release();
    tb->cancel(make_str("late"));
    w.print("locked after release: " + py(lock->locked()));
    AWAIT_OR_RAISE(s2, delegate(sleep(w.loop, 0)));
    w.print("tb cancelled: " + py(tb->cancelled()) + " tc done: " + py(tc->done()) + " locked: " + py(lock->locked()));
    AWAIT_OR_RAISE(r, Ref<Future>(tc));
    w.print("tc result: " + show(r.value));
    CHECK(lock->waiters().empty());
    co_return none();
}

// ---- event_wait_cancel.py -------------------------------------------------------------
Native event_waiter(World& w, Ref<EventPrimitive> ev, std::string name) {
    AWAIT_OR_RAISE(r, delegate(ev->wait()));
    w.print(name + " woke with " + show(r.value));
    co_return none();
}

Native event_wait_cancel(World& w) {
    Ref<EventPrimitive> ev(new EventPrimitive(w.loop));
    Ref<Task> wait = create_task(w.loop, ev->wait());
    w.loop.call_soon_fn([wait]() { wait->cancel(); });
    Outcome o = co_await Ref<Future>(wait);
    if (!is_cancelled_error(o)) co_return o;
    w.print("wait cancelled: " + py(wait->cancelled()));
    CHECK(ev->waiters().empty());
    Ref<Task> w1 = create_task(w.loop, native(event_waiter(w, ev, "w1"), "waiter"));
    Ref<Task> w2 = create_task(w.loop, native(event_waiter(w, ev, "w2"), "waiter"));
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    w1->cancel();
    ev->set();
    ev->clear();
    w.print("is_set: " + py(ev->is_set()));
    AWAIT_OR_RAISE(s2, delegate(sleep(w.loop, 0)));
    w.print("w1 cancelled: " + py(w1->cancelled()) + " w2 done: " + py(w2->done()));
    ev->set();
    AWAIT_OR_RAISE(r, delegate(ev->wait()));
    w.print("set wait: " + show(r.value));
    CHECK(ev->waiters().empty());
    co_return none();
}

// Runs `main` in every version and compares with the trace `expected(v)` gives.
template <class MakeMain, class Expected>
void check_all_versions(MakeMain make_main, Expected expected) {
    for (PyVersion v : tl::test::kAllVersions) {
        CAPTURE(version_name(v));
        World w(v);
        RunResult r = w.run(make_main(w));
        CHECK_FALSE(r.deadlocked);
        CHECK_TRACE(w.rec.lines, expected(v));
    }
}

}  // namespace

TEST_SUITE("locks") {

TEST_CASE("Lock.acquire cancelled while waiting leaves no waiter; release of a free lock raises") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/locks/lock_acquire_cancel.py
    const std::vector<std::string> kLockAcquireCancel_311_312_313 = {
        R"({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})",
        R"({"seq": 2, "t": 0.0, "event": "print", "text": "first acquire: True"})",
        R"({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "Lock.acquire", "parent": "Task-1"})",
        R"({"seq": 4, "t": 0.0, "event": "cancel", "task": "Task-2", "by": null, "msg": null, "result": true, "cancelling": 1, "must_cancel": false})",
        R"({"seq": 5, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})",
        R"({"seq": 6, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})",
        R"({"seq": 7, "t": 0.0, "event": "throw", "task": "Task-1", "exc": "CancelledError", "msg": null})",
        R"({"seq": 8, "t": 0.0, "event": "print", "text": "acquire cancelled: True"})",
        R"({"seq": 9, "t": 0.0, "event": "print", "text": "locked: True"})",
        R"({"seq": 10, "t": 0.0, "event": "print", "text": "locked after release: False"})",
        R"({"seq": 11, "t": 0.0, "event": "print", "text": "second release: Lock is not acquired."})",
        R"({"seq": 12, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})",
        R"({"seq": 13, "t": 0.0, "event": "exit", "status": "finished", "exc": null})",
    };
    check_all_versions([](World& w) { return native(lock_acquire_cancel(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kLockAcquireCancel_311_312_313; });
}

TEST_CASE("Lock: a cancelled waiter racing a release is skipped, the next waiter gets the lock") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/locks/lock_cancel_race.py
    const std::vector<std::string> kLockCancelRace_311_312_313 = {
        R"({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})",
        R"({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "lockit", "parent": "Task-1"})",
        R"({"seq": 3, "t": 0.0, "event": "print", "text": "A acquired"})",
        R"({"seq": 4, "t": 0.0, "event": "print", "text": "locked: True"})",
        R"({"seq": 5, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "lockit", "parent": "Task-1"})",
        R"({"seq": 6, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "lockit", "parent": "Task-1"})",
        R"({"seq": 7, "t": 0.0, "event": "cancel", "task": "Task-3", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})",
        R"({"seq": 8, "t": 0.0, "event": "print", "text": "A released"})",
        R"({"seq": 9, "t": 0.0, "event": "done", "task": "Task-2", "state": "finished", "exc": null})",
        R"({"seq": 10, "t": 0.0, "event": "throw", "task": "Task-3", "exc": "CancelledError", "msg": null})",
        R"({"seq": 11, "t": 0.0, "event": "done", "task": "Task-3", "state": "cancelled", "exc": null})",
        R"({"seq": 12, "t": 0.0, "event": "print", "text": "locked: False A done: True B cancelled: True"})",
        R"({"seq": 13, "t": 0.0, "event": "print", "text": "C acquired"})",
        R"({"seq": 14, "t": 0.0, "event": "print", "text": "C released"})",
        R"({"seq": 15, "t": 0.0, "event": "done", "task": "Task-4", "state": "finished", "exc": null})",
        R"({"seq": 16, "t": 0.0, "event": "print", "text": "C done: True locked: False"})",
        R"({"seq": 17, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})",
        R"({"seq": 18, "t": 0.0, "event": "exit", "status": "finished", "exc": null})",
    };
    check_all_versions([](World& w) { return native(lock_cancel_race(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kLockCancelRace_311_312_313; });
}

TEST_CASE("Lock: cancel + release in one callback lets exactly one waiter take the lock (bpo-32734)") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/locks/lock_cancel_release_race.py
    const std::vector<std::string> kLockCancelReleaseRace_311_312_313 = {
        R"({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})",
        R"({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "lockit", "parent": "Task-1"})",
        R"({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "lockit", "parent": "Task-1"})",
        R"({"seq": 4, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "lockit", "parent": "Task-1"})",
        R"({"seq": 5, "t": 0.0, "event": "cancel", "task": "Task-2", "by": null, "msg": null, "result": true, "cancelling": 1, "must_cancel": false})",
        R"({"seq": 6, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})",
        R"({"seq": 7, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})",
        R"({"seq": 8, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})",
        R"({"seq": 9, "t": 0.0, "event": "throw", "task": "Task-1", "exc": "CancelledError", "msg": null})",
        R"({"seq": 10, "t": 0.0, "event": "print", "text": "t1 cancelled"})",
        R"({"seq": 11, "t": 0.0, "event": "print", "text": "lock_count: 1 call_count: 3"})",
        R"({"seq": 12, "t": 0.0, "event": "print", "text": "t1 cancelled: True t2 done: True t3 done: False"})",
        R"({"seq": 13, "t": 0.0, "event": "cancel", "task": "Task-4", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})",
        R"({"seq": 14, "t": 0.0, "event": "throw", "task": "Task-4", "exc": "CancelledError", "msg": null})",
        R"({"seq": 15, "t": 0.0, "event": "done", "task": "Task-4", "state": "cancelled", "exc": null})",
        R"({"seq": 16, "t": 0.0, "event": "print", "text": "t3 cancelled: True locked: True"})",
        R"({"seq": 17, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})",
        R"({"seq": 18, "t": 0.0, "event": "exit", "status": "finished", "exc": null})",
    };
    Counts counts;
    check_all_versions(
        [&](World& w) {
            counts = Counts{};
            return native(lock_cancel_release_race(w, counts), "main");
        },
        [&](PyVersion) -> const Trace& { return kLockCancelReleaseRace_311_312_313; });
}

TEST_CASE("Lock: waiter cancelled before release; a newcomer jumps the all-cancelled queue; async with") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/locks/lock_finished_waiter_cancelled.py
    const std::vector<std::string> kLockFinishedWaiterCancelled_311_312_313 = {
        R"({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})",
        R"({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "Lock.acquire", "parent": "Task-1"})",
        R"({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "Lock.acquire", "parent": "Task-1"})",
        R"({"seq": 4, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": "late", "result": true, "cancelling": 1, "must_cancel": false})",
        R"({"seq": 5, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})",
        R"({"seq": 6, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": "late"})",
        R"({"seq": 7, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})",
        R"({"seq": 8, "t": 0.0, "event": "print", "text": "locked: True tb cancelled: True tc done: True"})",
        R"({"seq": 9, "t": 0.0, "event": "print", "text": "tc result: True"})",
        R"({"seq": 10, "t": 0.0, "event": "print", "text": "async with: locked = True"})",
        R"({"seq": 11, "t": 0.0, "event": "print", "text": "after async with: locked = False"})",
        R"({"seq": 12, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})",
        R"({"seq": 13, "t": 0.0, "event": "exit", "status": "finished", "exc": null})",
    };
    check_all_versions([](World& w) { return native(lock_finished_waiter_cancelled(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kLockFinishedWaiterCancelled_311_312_313; });
}

TEST_CASE("Lock: a waiter woken then cancelled before it ran hands the wake-up to the next waiter") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/locks/lock_woken_then_cancelled.py
    const std::vector<std::string> kLockWokenThenCancelled_311_312_313 = {
        R"({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})",
        R"({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "acquirer", "parent": "Task-1"})",
        R"({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "acquirer", "parent": "Task-1"})",
        R"({"seq": 4, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": "late", "result": true, "cancelling": 1, "must_cancel": true})",
        R"({"seq": 5, "t": 0.0, "event": "print", "text": "locked after release: False"})",
        R"({"seq": 6, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": "late"})",
        R"({"seq": 7, "t": 0.0, "event": "print", "text": "B cancelled, locked: False"})",
        R"({"seq": 8, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})",
        R"({"seq": 9, "t": 0.0, "event": "print", "text": "tb cancelled: True tc done: False locked: False"})",
        R"({"seq": 10, "t": 0.0, "event": "print", "text": "C acquired"})",
        R"({"seq": 11, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})",
        R"({"seq": 12, "t": 0.0, "event": "print", "text": "tc result: C"})",
        R"({"seq": 13, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})",
        R"({"seq": 14, "t": 0.0, "event": "exit", "status": "finished", "exc": null})",
    };
    check_all_versions([](World& w) { return native(lock_woken_then_cancelled(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kLockWokenThenCancelled_311_312_313; });
}

TEST_CASE("Event.wait cancelled leaves no waiter; set() then clear() still wakes the live waiters") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/locks/event_wait_cancel.py
    const std::vector<std::string> kEventWaitCancel_311_312_313 = {
        R"({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})",
        R"({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "Event.wait", "parent": "Task-1"})",
        R"({"seq": 3, "t": 0.0, "event": "cancel", "task": "Task-2", "by": null, "msg": null, "result": true, "cancelling": 1, "must_cancel": false})",
        R"({"seq": 4, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})",
        R"({"seq": 5, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})",
        R"({"seq": 6, "t": 0.0, "event": "throw", "task": "Task-1", "exc": "CancelledError", "msg": null})",
        R"({"seq": 7, "t": 0.0, "event": "print", "text": "wait cancelled: True"})",
        R"({"seq": 8, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "waiter", "parent": "Task-1"})",
        R"({"seq": 9, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "waiter", "parent": "Task-1"})",
        R"({"seq": 10, "t": 0.0, "event": "cancel", "task": "Task-3", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})",
        R"({"seq": 11, "t": 0.0, "event": "print", "text": "is_set: False"})",
        R"({"seq": 12, "t": 0.0, "event": "throw", "task": "Task-3", "exc": "CancelledError", "msg": null})",
        R"({"seq": 13, "t": 0.0, "event": "done", "task": "Task-3", "state": "cancelled", "exc": null})",
        R"({"seq": 14, "t": 0.0, "event": "print", "text": "w2 woke with True"})",
        R"({"seq": 15, "t": 0.0, "event": "done", "task": "Task-4", "state": "finished", "exc": null})",
        R"({"seq": 16, "t": 0.0, "event": "print", "text": "w1 cancelled: True w2 done: True"})",
        R"({"seq": 17, "t": 0.0, "event": "print", "text": "set wait: True"})",
        R"({"seq": 18, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})",
        R"({"seq": 19, "t": 0.0, "event": "exit", "status": "finished", "exc": null})",
    };
    check_all_versions([](World& w) { return native(event_wait_cancel(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kEventWaitCancel_311_312_313; });
}

}
