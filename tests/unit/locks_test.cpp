// asyncio.locks (Event, Lock, Condition, Semaphore, BoundedSemaphore) in every version:
// ports of the cancellation cases of CPython's test_locks.py as C++ coroutine scenarios.
// Each mirrors a tests/scenarios/runtime/locks/*.py file; the expected traces are the
// reference tracer's output for that file under CPython 3.11.7, 3.12.1 and 3.13.0 (and
// pyodide's 3.14 where 3.14 differs).
#include <doctest/doctest.h>

#include <algorithm>

#include "daemon/object/str.h"
#include "daemon/runtime/locks.h"
#include "tests/unit/runtime_helpers.h"

using namespace tl;
using namespace tl::rt;
using tl::rt::locks::Barrier;
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
// Version groups: the trace of `v`, with 3.14 taking 3.13's: locks.py is unchanged there but
// for comments and Barrier's message, and pyodide's 3.14 tracer output equals 3.13's for
// every scenario here except barrier_cancel_one.py (which has its own 3.14 trace).
const Trace& pick(PyVersion v, const Trace& v311, const Trace& v312, const Trace& v313) {
    if (v == PyVersion::V3_11) return v311;
    if (v == PyVersion::V3_12) return v312;
    return v313;
}

Ref<Semaphore> new_semaphore(World& w, int64_t value) {
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

// repr(e.args) for the exceptions these scenarios print: () or ('msg',).
std::string args_repr(const ExcRef& e) {
    if (e->args.empty()) return "()";
    if (const std::string* s = str_of(e->args[0]); s && e->args.size() == 1) return "('" + *s + "',)";
    return "(?)";
}

// ---- semaphore_cancel_before_awoken.py ------------------------------------------------
Native semaphore_cancel_before_awoken(World& w) {
    Ref<Semaphore> sem = new_semaphore(w, 0);
    Ref<Task> t1 = create_task(w.loop, sem->acquire());
    Ref<Task> t2 = create_task(w.loop, sem->acquire());
    Ref<Task> t3 = create_task(w.loop, sem->acquire());
    Ref<Task> t4 = create_task(w.loop, sem->acquire());
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    t1->cancel();
    t2->cancel();
    sem->release();
    AWAIT_OR_RAISE(s2, delegate(sleep(w.loop, 0)));
    AWAIT_OR_RAISE(s3, delegate(sleep(w.loop, 0)));
    w.print("t3 done: " + py(t3->done()) + " t4 done: " + py(t4->done()) + " locked: " + py(sem->locked()));
    t3->cancel();
    t4->cancel();
    AWAIT_OR_RAISE(s4, delegate(sleep(w.loop, 0)));
    w.print("t3 cancelled: " + py(t3->cancelled()) + " t4 cancelled: " + py(t4->cancelled()) + " locked: " + py(sem->locked()));
    CHECK(sem->waiters().empty());
    co_return none();
}

// ---- semaphore_woken_then_cancelled.py ------------------------------------------------
Native sem_acquirer(World& w, Ref<Semaphore> sem, std::string name) {
    Outcome a = co_await delegate(sem->acquire());
    if (is_cancelled_error(a)) {
        w.print(name + " cancelled, locked: " + py(sem->locked()));
        co_return a;
    }
    if (!a.ok()) co_return a;
    w.print(name + " acquired, locked: " + py(sem->locked()));
    co_return none();
}

Native semaphore_woken_then_cancelled(World& w) {
    Ref<Semaphore> sem = new_semaphore(w, 0);
    Ref<Task> t1 = create_task(w.loop, native(sem_acquirer(w, sem, "t1"), "acquirer"));
    Ref<Task> t2 = create_task(w.loop, native(sem_acquirer(w, sem, "t2"), "acquirer"));
    Ref<Task> t3 = create_task(w.loop, native(sem_acquirer(w, sem, "t3"), "acquirer"));
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    sem->release();
    t1->cancel();
    w.print("after release+cancel, locked: " + py(sem->locked()));
    AWAIT_OR_RAISE(s2, delegate(sleep(w.loop, 0)));
    AWAIT_OR_RAISE(s3, delegate(sleep(w.loop, 0)));
    w.print("t2 done: " + py(t2->done()) + " t3 done: " + py(t3->done()) + " locked: " + py(sem->locked()));
    sem->release();
    AWAIT_OR_RAISE(r, Ref<Future>(t3));
    w.print("t3 done: " + py(t3->done()) + " locked: " + py(sem->locked()));
    CHECK(sem->waiters().empty());
    CHECK(sem->value() == 0);
    co_return none();
}

// ---- semaphore_fifo_wakeups.py ----------------------------------------------------------
Native fifo_c1(World& w, Ref<Semaphore> sem, std::vector<int>& result) {
    AWAIT_OR_RAISE(a, delegate(sem->acquire()));
    result.push_back(1);
    w.print("c1 acquired, locked: " + py(sem->locked()));
    co_return none();
}

Native fifo_c2(World& w, Ref<Semaphore> sem, std::vector<int>& result) {
    sem->release();
    sem->release();
    sem->release();
    w.print("c2 released thrice, locked: " + py(sem->locked()));
    AWAIT_OR_RAISE(a, delegate(sem->acquire()));
    result.push_back(2);
    w.print("c2 acquired, locked: " + py(sem->locked()));
    co_return none();
}

Native fifo_c3(World& w, Ref<Semaphore> sem, std::vector<int>& result) {
    AWAIT_OR_RAISE(a, delegate(sem->acquire()));
    result.push_back(3);
    w.print("c3 acquired, locked: " + py(sem->locked()));
    co_return none();
}

Native semaphore_fifo_wakeups(World& w, std::vector<int>& result) {
    Ref<Semaphore> sem = new_semaphore(w, 0);
    Ref<Task> t1 = create_task(w.loop, native(fifo_c1(w, sem, result), "c1"));
    Ref<Task> t2 = create_task(w.loop, native(fifo_c2(w, sem, result), "c2"));
    Ref<Task> t3 = create_task(w.loop, native(fifo_c3(w, sem, result), "c3"));
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    w.print("main: locked: " + py(sem->locked()));
    AWAIT_OR_RAISE(s2, delegate(sleep(w.loop, 0)));
    w.print("after c1 ran: " + py(t1->done()) + " " + py(t2->done()) + " " + py(t3->done()) + " locked: " + py(sem->locked()));
    AWAIT_OR_RAISE(s3, delegate(sleep(w.loop, 0)));
    w.print("after c2 ran: " + py(t1->done()) + " " + py(t2->done()) + " " + py(t3->done()) + " locked: " + py(sem->locked()));
    AWAIT_OR_RAISE(r2, Ref<Future>(t2));
    AWAIT_OR_RAISE(r3, Ref<Future>(t3));
    std::string list;
    for (int x : result) list += (list.empty() ? "" : ", ") + std::to_string(x);
    w.print("result: [" + list + "] locked: " + py(sem->locked()));
    co_return none();
}

// ---- bounded_semaphore_release.py -------------------------------------------------------
// `async with sem:` around sleep(1): __aexit__ runs however the body ends.
Native holder(World& w, Ref<Semaphore> sem, std::string name) {
    AWAIT_OR_RAISE(enter, delegate(sem->aenter()));
    w.print(name + " in, locked: " + py(sem->locked()));
    Outcome body = co_await delegate(sleep(w.loop, 1));
    AWAIT_OR_RAISE(exit, delegate(sem->aexit()));
    if (!body.ok()) co_return body;
    w.print(name + " out");
    co_return none();
}

Native bounded_semaphore_release(World& w) {
    Outcome made = BoundedSemaphore::make(w.loop, 2);
    REQUIRE(made.ok());
    Ref<Semaphore> sem(made.value.obj_as<Semaphore>());
    Outcome r = sem->release();
    if (r.ok() || !r.exc->is_instance(exc_types().ValueError)) co_return r;
    w.print("release: " + msg_of(r));
    Ref<Task> a = create_task(w.loop, native(holder(w, sem, "a"), "holder"));
    Ref<Task> b = create_task(w.loop, native(holder(w, sem, "b"), "holder"));
    Ref<Task> c = create_task(w.loop, native(holder(w, sem, "c"), "holder"));
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0.5)));
    w.print("locked: " + py(sem->locked()));
    c->cancel();
    AWAIT_OR_RAISE(s2, delegate(sleep(w.loop, 0)));
    w.print("c cancelled: " + py(c->cancelled()));
    AWAIT_OR_RAISE(ra, Ref<Future>(a));
    AWAIT_OR_RAISE(rb, Ref<Future>(b));
    w.print("locked: " + py(sem->locked()));
    Outcome neg = Semaphore::make(w.loop, -1);
    if (neg.ok() || !neg.exc->is_instance(exc_types().ValueError)) co_return Outcome::ok(Value::none());
    w.print("Semaphore(-1): " + msg_of(neg));
    co_return none();
}

// ---- condition_wait_cancel.py -----------------------------------------------------------
Native condition_wait_cancel(World& w) {
    Ref<Condition> cond(new Condition(w.loop));
    Outcome u = co_await delegate(cond->wait());
    if (u.ok() || !u.exc->is_instance(exc_types().RuntimeError)) co_return u;
    w.print("wait unacquired: " + msg_of(u));
    Outcome n = cond->notify();
    if (n.ok() || !n.exc->is_instance(exc_types().RuntimeError)) co_return n;
    w.print("notify unacquired: " + msg_of(n));
    AWAIT_OR_RAISE(a, delegate(cond->acquire()));
    Ref<Task> wait = create_task(w.loop, cond->wait());
    w.loop.call_soon_fn([wait]() { wait->cancel(make_str("stop")); });
    Outcome o = co_await Ref<Future>(wait);
    if (!is_cancelled_error(o)) co_return o;
    w.print("wait cancelled: " + py(wait->cancelled()) + " " + args_repr(o.exc));
    CHECK(cond->waiters().empty());
    w.print("locked: " + py(cond->locked()));
    cond->release();
    w.print("locked: " + py(cond->locked()));
    co_return none();
}

// ---- condition_wait_cancel_contested.py -------------------------------------------------
Native condition_wait_cancel_contested(World& w) {
    Ref<Condition> cond(new Condition(w.loop));
    AWAIT_OR_RAISE(a, delegate(cond->acquire()));
    Ref<Task> wait_task = create_task(w.loop, cond->wait());
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    w.print("locked after wait() released it: " + py(cond->locked()));
    AWAIT_OR_RAISE(a2, delegate(cond->acquire()));
    cond->notify();
    w.loop.call_soon_fn([wait_task]() { wait_task->cancel(); });
    w.loop.call_soon_fn([cond]() { cond->release(); });
    Outcome o = co_await Ref<Future>(wait_task);
    if (o.ok()) {
        w.print("wait returned " + show(o.value));
    } else if (is_cancelled_error(o)) {
        w.print("wait cancelled");
    } else {
        co_return o;
    }
    w.print("locked: " + py(cond->locked()) + " cancelled: " + py(wait_task->cancelled()));
    CHECK(cond->waiters().empty());
    CHECK(cond->lock()->waiters().empty());
    co_return none();
}

// ---- condition_cancel_during_reacquire.py -----------------------------------------------
Native reacquire_func(World& w, Ref<Condition> cond, bool& wake) {
    AWAIT_OR_RAISE(enter, delegate(cond->aenter()));
    Outcome body = co_await delegate(cond->wait_for([&wake]() { return Outcome::ok(Value::boolean(wake)); }));
    if (is_cancelled_error(body)) w.print("func caught " + args_repr(body.exc) + " locked: " + py(cond->locked()));
    AWAIT_OR_RAISE(exit, delegate(cond->aexit()));
    co_return body;
}

Native condition_cancel_during_reacquire(World& w, bool& wake) {
    Ref<Condition> cond(new Condition(w.loop));
    Ref<Task> task = create_task(w.loop, native(reacquire_func(w, cond, wake), "func"));
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    AWAIT_OR_RAISE(a, delegate(cond->acquire()));
    wake = true;
    cond->notify();
    AWAIT_OR_RAISE(s2, delegate(sleep(w.loop, 0)));
    task->cancel(make_str("foo"));
    AWAIT_OR_RAISE(s3, delegate(sleep(w.loop, 0)));
    cond->release();
    Outcome o = co_await Ref<Future>(task);
    if (!is_cancelled_error(o)) co_return o;
    w.print("main caught " + args_repr(o.exc));
    w.print("task cancelled: " + py(task->cancelled()) + " locked: " + py(cond->locked()));
    co_return none();
}

// ---- condition_notified_then_cancelled.py -----------------------------------------------
Native consumer(World& w, Ref<Condition> cond, std::string name, int& state) {
    AWAIT_OR_RAISE(enter, delegate(cond->aenter()));
    Outcome body = none();
    for (;;) {
        Outcome r = co_await delegate(cond->wait_for([&state]() { return Outcome::ok(Value::boolean(state != 0)); }));
        if (!r.ok()) {
            if (is_cancelled_error(r)) w.print(name + " cancelled");
            body = r;
            break;
        }
        if (state < 0) {
            w.print(name + " exits");
            break;
        }
        state -= 1;
        w.print(name + " consumed, state " + std::to_string(state));
    }
    AWAIT_OR_RAISE(exit, delegate(cond->aexit()));
    co_return body;
}

Native condition_notified_then_cancelled(World& w, int& state) {
    Ref<Condition> cond(new Condition(w.loop));
    Ref<Task> c0 = create_task(w.loop, native(consumer(w, cond, "c0", state), "consumer"));
    Ref<Task> c1 = create_task(w.loop, native(consumer(w, cond, "c1", state), "consumer"));
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    AWAIT_OR_RAISE(e1, delegate(cond->aenter()));
    state += 1;
    cond->notify(1);
    c0->cancel();
    AWAIT_OR_RAISE(x1, delegate(cond->aexit()));
    for (int i = 0; i < 3; ++i) {
        AWAIT_OR_RAISE(s, delegate(sleep(w.loop, 0)));
    }
    w.print("state: " + std::to_string(state));
    AWAIT_OR_RAISE(e2, delegate(cond->aenter()));
    state = -1;
    cond->notify_all();
    AWAIT_OR_RAISE(x2, delegate(cond->aexit()));
    AWAIT_OR_RAISE(r, Ref<Future>(c1));
    w.print("c0 cancelled: " + py(c0->cancelled()));
    CHECK(cond->waiters().empty());
    co_return none();
}

// ---- barrier_cancel_one.py --------------------------------------------------------------
Native barrier_party(World& w, Ref<Barrier> barrier, std::string name, std::vector<int64_t>& results) {
    Outcome index = co_await delegate(barrier->wait());
    if (!index.ok() && index.exc->is_instance(locks::broken_barrier_error_type())) {
        w.print(name + " broken: " + msg_of(index));
        co_return none();
    }
    if (!index.ok()) co_return index;
    results.push_back(index.value.as_int());
    w.print(name + " passed with index " + show(index.value));
    co_return none();
}

Native barrier_cancel_one(World& w, std::vector<int64_t>& results) {
    Outcome made = Barrier::make(w.loop, 3);
    REQUIRE(made.ok());
    Ref<Barrier> barrier(made.value.obj_as<Barrier>());
    Ref<Task> t1 = create_task(w.loop, native(barrier_party(w, barrier, "t1", results), "coro"));
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    Ref<Task> t2 = create_task(w.loop, native(barrier_party(w, barrier, "t2", results), "coro"));
    AWAIT_OR_RAISE(s2, delegate(sleep(w.loop, 0)));
    w.print("n_waiting: " + std::to_string(barrier->n_waiting()));
    t1->cancel();
    AWAIT_OR_RAISE(s3, delegate(sleep(w.loop, 0)));
    w.print("n_waiting after cancel: " + std::to_string(barrier->n_waiting()));
    Outcome o = co_await Ref<Future>(t1);
    if (!is_cancelled_error(o)) co_return o;
    w.print("t1 cancelled: " + py(t1->cancelled()));
    Ref<Task> t3 = create_task(w.loop, native(barrier_party(w, barrier, "t3", results), "coro"));
    AWAIT_OR_RAISE(s4, delegate(sleep(w.loop, 0)));
    w.print("n_waiting: " + std::to_string(barrier->n_waiting()));
    Ref<Task> t4 = create_task(w.loop, native(barrier_party(w, barrier, "t4", results), "coro"));
    AWAIT_OR_RAISE(r2, Ref<Future>(t2));
    AWAIT_OR_RAISE(r3, Ref<Future>(t3));
    AWAIT_OR_RAISE(r4, Ref<Future>(t4));
    std::vector<int64_t> sorted = results;
    std::sort(sorted.begin(), sorted.end());
    std::string list;
    for (int64_t x : sorted) list += (list.empty() ? "" : ", ") + std::to_string(x);
    w.print("results: [" + list + "] n_waiting: " + std::to_string(barrier->n_waiting()) + " broken: " + py(barrier->broken()));

    Outcome made2 = Barrier::make(w.loop, 2);
    REQUIRE(made2.ok());
    Ref<Barrier> b2(made2.value.obj_as<Barrier>());
    Ref<Task> wt = create_task(w.loop, native(barrier_party(w, b2, "w", results), "coro"));
    AWAIT_OR_RAISE(s5, delegate(sleep(w.loop, 0)));
    AWAIT_OR_RAISE(ab, delegate(b2->abort()));
    AWAIT_OR_RAISE(rw, Ref<Future>(wt));
    AWAIT_OR_RAISE(late, delegate(native(barrier_party(w, b2, "late", results), "coro")));
    w.print("broken: " + py(b2->broken()) + " n_waiting: " + std::to_string(b2->n_waiting()));
    Outcome zero = Barrier::make(w.loop, 0);
    if (zero.ok() || !zero.exc->is_instance(exc_types().ValueError)) co_return Outcome::ok(Value::none());
    w.print("Barrier(0): " + msg_of(zero));
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
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "print", "text": "first acquire: True"})J",
        R"J({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "Lock.acquire", "parent": "Task-1"})J",
        R"J({"seq": 4, "t": 0.0, "event": "cancel", "task": "Task-2", "by": null, "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 5, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 6, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 7, "t": 0.0, "event": "throw", "task": "Task-1", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 8, "t": 0.0, "event": "print", "text": "acquire cancelled: True"})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "locked: True"})J",
        R"J({"seq": 10, "t": 0.0, "event": "print", "text": "locked after release: False"})J",
        R"J({"seq": 11, "t": 0.0, "event": "print", "text": "second release: Lock is not acquired."})J",
        R"J({"seq": 12, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 13, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    check_all_versions([](World& w) { return native(lock_acquire_cancel(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kLockAcquireCancel_311_312_313; });
}

TEST_CASE("Lock: a cancelled waiter racing a release is skipped, the next waiter gets the lock") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/locks/lock_cancel_race.py
    const std::vector<std::string> kLockCancelRace_311_312_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "lockit", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "print", "text": "A acquired"})J",
        R"J({"seq": 4, "t": 0.0, "event": "print", "text": "locked: True"})J",
        R"J({"seq": 5, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "lockit", "parent": "Task-1"})J",
        R"J({"seq": 6, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "lockit", "parent": "Task-1"})J",
        R"J({"seq": 7, "t": 0.0, "event": "cancel", "task": "Task-3", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 8, "t": 0.0, "event": "print", "text": "A released"})J",
        R"J({"seq": 9, "t": 0.0, "event": "done", "task": "Task-2", "state": "finished", "exc": null})J",
        R"J({"seq": 10, "t": 0.0, "event": "throw", "task": "Task-3", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 11, "t": 0.0, "event": "done", "task": "Task-3", "state": "cancelled", "exc": null})J",
        R"J({"seq": 12, "t": 0.0, "event": "print", "text": "locked: False A done: True B cancelled: True"})J",
        R"J({"seq": 13, "t": 0.0, "event": "print", "text": "C acquired"})J",
        R"J({"seq": 14, "t": 0.0, "event": "print", "text": "C released"})J",
        R"J({"seq": 15, "t": 0.0, "event": "done", "task": "Task-4", "state": "finished", "exc": null})J",
        R"J({"seq": 16, "t": 0.0, "event": "print", "text": "C done: True locked: False"})J",
        R"J({"seq": 17, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 18, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    check_all_versions([](World& w) { return native(lock_cancel_race(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kLockCancelRace_311_312_313; });
}

TEST_CASE("Lock: cancel + release in one callback lets exactly one waiter take the lock (bpo-32734)") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/locks/lock_cancel_release_race.py
    const std::vector<std::string> kLockCancelReleaseRace_311_312_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "lockit", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "lockit", "parent": "Task-1"})J",
        R"J({"seq": 4, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "lockit", "parent": "Task-1"})J",
        R"J({"seq": 5, "t": 0.0, "event": "cancel", "task": "Task-2", "by": null, "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 6, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 7, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 8, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})J",
        R"J({"seq": 9, "t": 0.0, "event": "throw", "task": "Task-1", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 10, "t": 0.0, "event": "print", "text": "t1 cancelled"})J",
        R"J({"seq": 11, "t": 0.0, "event": "print", "text": "lock_count: 1 call_count: 3"})J",
        R"J({"seq": 12, "t": 0.0, "event": "print", "text": "t1 cancelled: True t2 done: True t3 done: False"})J",
        R"J({"seq": 13, "t": 0.0, "event": "cancel", "task": "Task-4", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 14, "t": 0.0, "event": "throw", "task": "Task-4", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 15, "t": 0.0, "event": "done", "task": "Task-4", "state": "cancelled", "exc": null})J",
        R"J({"seq": 16, "t": 0.0, "event": "print", "text": "t3 cancelled: True locked: True"})J",
        R"J({"seq": 17, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 18, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
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
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "Lock.acquire", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "Lock.acquire", "parent": "Task-1"})J",
        R"J({"seq": 4, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": "late", "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 5, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})J",
        R"J({"seq": 6, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": "late"})J",
        R"J({"seq": 7, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 8, "t": 0.0, "event": "print", "text": "locked: True tb cancelled: True tc done: True"})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "tc result: True"})J",
        R"J({"seq": 10, "t": 0.0, "event": "print", "text": "async with: locked = True"})J",
        R"J({"seq": 11, "t": 0.0, "event": "print", "text": "after async with: locked = False"})J",
        R"J({"seq": 12, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 13, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    check_all_versions([](World& w) { return native(lock_finished_waiter_cancelled(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kLockFinishedWaiterCancelled_311_312_313; });
}

TEST_CASE("Lock: a waiter woken then cancelled before it ran hands the wake-up to the next waiter") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/locks/lock_woken_then_cancelled.py
    const std::vector<std::string> kLockWokenThenCancelled_311_312_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "acquirer", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "acquirer", "parent": "Task-1"})J",
        R"J({"seq": 4, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": "late", "result": true, "cancelling": 1, "must_cancel": true})J",
        R"J({"seq": 5, "t": 0.0, "event": "print", "text": "locked after release: False"})J",
        R"J({"seq": 6, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": "late"})J",
        R"J({"seq": 7, "t": 0.0, "event": "print", "text": "B cancelled, locked: False"})J",
        R"J({"seq": 8, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "tb cancelled: True tc done: False locked: False"})J",
        R"J({"seq": 10, "t": 0.0, "event": "print", "text": "C acquired"})J",
        R"J({"seq": 11, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})J",
        R"J({"seq": 12, "t": 0.0, "event": "print", "text": "tc result: C"})J",
        R"J({"seq": 13, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 14, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    check_all_versions([](World& w) { return native(lock_woken_then_cancelled(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kLockWokenThenCancelled_311_312_313; });
}

TEST_CASE("Event.wait cancelled leaves no waiter; set() then clear() still wakes the live waiters") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/locks/event_wait_cancel.py
    const std::vector<std::string> kEventWaitCancel_311_312_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "Event.wait", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "cancel", "task": "Task-2", "by": null, "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 4, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 5, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 6, "t": 0.0, "event": "throw", "task": "Task-1", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 7, "t": 0.0, "event": "print", "text": "wait cancelled: True"})J",
        R"J({"seq": 8, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "waiter", "parent": "Task-1"})J",
        R"J({"seq": 9, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "waiter", "parent": "Task-1"})J",
        R"J({"seq": 10, "t": 0.0, "event": "cancel", "task": "Task-3", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 11, "t": 0.0, "event": "print", "text": "is_set: False"})J",
        R"J({"seq": 12, "t": 0.0, "event": "throw", "task": "Task-3", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 13, "t": 0.0, "event": "done", "task": "Task-3", "state": "cancelled", "exc": null})J",
        R"J({"seq": 14, "t": 0.0, "event": "print", "text": "w2 woke with True"})J",
        R"J({"seq": 15, "t": 0.0, "event": "done", "task": "Task-4", "state": "finished", "exc": null})J",
        R"J({"seq": 16, "t": 0.0, "event": "print", "text": "w1 cancelled: True w2 done: True"})J",
        R"J({"seq": 17, "t": 0.0, "event": "print", "text": "set wait: True"})J",
        R"J({"seq": 18, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 19, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    check_all_versions([](World& w) { return native(event_wait_cancel(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kEventWaitCancel_311_312_313; });
}

TEST_CASE("Semaphore: waiters cancelled before the release are skipped; the unit goes to the first live one") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/locks/semaphore_cancel_before_awoken.py
    const std::vector<std::string> kSemCancelBeforeAwoken_311_312_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "Semaphore.acquire", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "Semaphore.acquire", "parent": "Task-1"})J",
        R"J({"seq": 4, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "Semaphore.acquire", "parent": "Task-1"})J",
        R"J({"seq": 5, "t": 0.0, "event": "task_created", "task": "Task-5", "coro": "Semaphore.acquire", "parent": "Task-1"})J",
        R"J({"seq": 6, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 7, "t": 0.0, "event": "cancel", "task": "Task-3", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 8, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 9, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 10, "t": 0.0, "event": "throw", "task": "Task-3", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 11, "t": 0.0, "event": "done", "task": "Task-3", "state": "cancelled", "exc": null})J",
        R"J({"seq": 12, "t": 0.0, "event": "done", "task": "Task-4", "state": "finished", "exc": null})J",
        R"J({"seq": 13, "t": 0.0, "event": "print", "text": "t3 done: True t4 done: False locked: True"})J",
        R"J({"seq": 14, "t": 0.0, "event": "cancel", "task": "Task-4", "by": "Task-1", "msg": null, "result": false, "cancelling": 0, "must_cancel": false})J",
        R"J({"seq": 15, "t": 0.0, "event": "cancel", "task": "Task-5", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 16, "t": 0.0, "event": "throw", "task": "Task-5", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 17, "t": 0.0, "event": "done", "task": "Task-5", "state": "cancelled", "exc": null})J",
        R"J({"seq": 18, "t": 0.0, "event": "print", "text": "t3 cancelled: False t4 cancelled: True locked: True"})J",
        R"J({"seq": 19, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 20, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    check_all_versions([](World& w) { return native(semaphore_cancel_before_awoken(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kSemCancelBeforeAwoken_311_312_313; });
}

TEST_CASE("Semaphore: a waiter woken then cancelled passes its unit to the next waiter") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/locks/semaphore_woken_then_cancelled.py
    const std::vector<std::string> kSemWokenThenCancelled_311_312_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "acquirer", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "acquirer", "parent": "Task-1"})J",
        R"J({"seq": 4, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "acquirer", "parent": "Task-1"})J",
        R"J({"seq": 5, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": true})J",
        R"J({"seq": 6, "t": 0.0, "event": "print", "text": "after release+cancel, locked: True"})J",
        R"J({"seq": 7, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 8, "t": 0.0, "event": "print", "text": "t1 cancelled, locked: True"})J",
        R"J({"seq": 9, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 10, "t": 0.0, "event": "print", "text": "t2 acquired, locked: True"})J",
        R"J({"seq": 11, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})J",
        R"J({"seq": 12, "t": 0.0, "event": "print", "text": "t2 done: True t3 done: False locked: True"})J",
        R"J({"seq": 13, "t": 0.0, "event": "print", "text": "t3 acquired, locked: True"})J",
        R"J({"seq": 14, "t": 0.0, "event": "done", "task": "Task-4", "state": "finished", "exc": null})J",
        R"J({"seq": 15, "t": 0.0, "event": "print", "text": "t3 done: True locked: True"})J",
        R"J({"seq": 16, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 17, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    check_all_versions([](World& w) { return native(semaphore_woken_then_cancelled(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kSemWokenThenCancelled_311_312_313; });
}

TEST_CASE("Semaphore: 3.13 wakes every allowed waiter from acquire's finally, 3.11/3.12 one at a time") {
    // CPython 3.11, 3.12: tracer.py runtime/locks/semaphore_fifo_wakeups.py
    const std::vector<std::string> kSemFifoWakeups_311_312 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "c1", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "c2", "parent": "Task-1"})J",
        R"J({"seq": 4, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "c3", "parent": "Task-1"})J",
        R"J({"seq": 5, "t": 0.0, "event": "print", "text": "c2 released thrice, locked: True"})J",
        R"J({"seq": 6, "t": 0.0, "event": "print", "text": "main: locked: True"})J",
        R"J({"seq": 7, "t": 0.0, "event": "print", "text": "c1 acquired, locked: True"})J",
        R"J({"seq": 8, "t": 0.0, "event": "done", "task": "Task-2", "state": "finished", "exc": null})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "after c1 ran: True False False locked: True"})J",
        R"J({"seq": 10, "t": 0.0, "event": "print", "text": "c2 acquired, locked: True"})J",
        R"J({"seq": 11, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})J",
        R"J({"seq": 12, "t": 0.0, "event": "print", "text": "after c2 ran: True True False locked: True"})J",
        R"J({"seq": 13, "t": 0.0, "event": "print", "text": "c3 acquired, locked: True"})J",
        R"J({"seq": 14, "t": 0.0, "event": "done", "task": "Task-4", "state": "finished", "exc": null})J",
        R"J({"seq": 15, "t": 0.0, "event": "print", "text": "result: [1, 2, 3] locked: True"})J",
        R"J({"seq": 16, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 17, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    // CPython 3.13: tracer.py runtime/locks/semaphore_fifo_wakeups.py
    const std::vector<std::string> kSemFifoWakeups_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "c1", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "c2", "parent": "Task-1"})J",
        R"J({"seq": 4, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "c3", "parent": "Task-1"})J",
        R"J({"seq": 5, "t": 0.0, "event": "print", "text": "c2 released thrice, locked: True"})J",
        R"J({"seq": 6, "t": 0.0, "event": "print", "text": "main: locked: True"})J",
        R"J({"seq": 7, "t": 0.0, "event": "print", "text": "c1 acquired, locked: True"})J",
        R"J({"seq": 8, "t": 0.0, "event": "done", "task": "Task-2", "state": "finished", "exc": null})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "after c1 ran: True False False locked: True"})J",
        R"J({"seq": 10, "t": 0.0, "event": "print", "text": "c2 acquired, locked: True"})J",
        R"J({"seq": 11, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})J",
        R"J({"seq": 12, "t": 0.0, "event": "print", "text": "c3 acquired, locked: True"})J",
        R"J({"seq": 13, "t": 0.0, "event": "done", "task": "Task-4", "state": "finished", "exc": null})J",
        R"J({"seq": 14, "t": 0.0, "event": "print", "text": "after c2 ran: True True True locked: True"})J",
        R"J({"seq": 15, "t": 0.0, "event": "print", "text": "result: [1, 2, 3] locked: True"})J",
        R"J({"seq": 16, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 17, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    std::vector<int> result;
    check_all_versions(
        [&](World& w) {
            result.clear();
            return native(semaphore_fifo_wakeups(w, result), "main");
        },
        [&](PyVersion v) -> const Trace& {
            return pick(v, kSemFifoWakeups_311_312, kSemFifoWakeups_311_312, kSemFifoWakeups_313);
        });
}

TEST_CASE("BoundedSemaphore: async with, a cancelled acquirer, release above the bound, negative value") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/locks/bounded_semaphore_release.py
    const std::vector<std::string> kBoundedSem_311_312_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "print", "text": "release: BoundedSemaphore released too many times"})J",
        R"J({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "holder", "parent": "Task-1"})J",
        R"J({"seq": 4, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "holder", "parent": "Task-1"})J",
        R"J({"seq": 5, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "holder", "parent": "Task-1"})J",
        R"J({"seq": 6, "t": 0.0, "event": "print", "text": "a in, locked: False"})J",
        R"J({"seq": 7, "t": 0.0, "event": "print", "text": "b in, locked: True"})J",
        R"J({"seq": 8, "t": 0.5, "event": "print", "text": "locked: True"})J",
        R"J({"seq": 9, "t": 0.5, "event": "cancel", "task": "Task-4", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 10, "t": 0.5, "event": "throw", "task": "Task-4", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 11, "t": 0.5, "event": "done", "task": "Task-4", "state": "cancelled", "exc": null})J",
        R"J({"seq": 12, "t": 0.5, "event": "print", "text": "c cancelled: True"})J",
        R"J({"seq": 13, "t": 1.0, "event": "print", "text": "a out"})J",
        R"J({"seq": 14, "t": 1.0, "event": "done", "task": "Task-2", "state": "finished", "exc": null})J",
        R"J({"seq": 15, "t": 1.0, "event": "print", "text": "b out"})J",
        R"J({"seq": 16, "t": 1.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})J",
        R"J({"seq": 17, "t": 1.0, "event": "print", "text": "locked: False"})J",
        R"J({"seq": 18, "t": 1.0, "event": "print", "text": "Semaphore(-1): Semaphore initial value must be >= 0"})J",
        R"J({"seq": 19, "t": 1.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 20, "t": 1.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    check_all_versions([](World& w) { return native(bounded_semaphore_release(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kBoundedSem_311_312_313; });
}

TEST_CASE("Condition.wait cancelled re-acquires the lock and leaves no waiter; unacquired use raises") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/locks/condition_wait_cancel.py
    const std::vector<std::string> kCondWaitCancel_311_312_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "print", "text": "wait unacquired: cannot wait on un-acquired lock"})J",
        R"J({"seq": 3, "t": 0.0, "event": "print", "text": "notify unacquired: cannot notify on un-acquired lock"})J",
        R"J({"seq": 4, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "Condition.wait", "parent": "Task-1"})J",
        R"J({"seq": 5, "t": 0.0, "event": "cancel", "task": "Task-2", "by": null, "msg": "stop", "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 6, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": "stop"})J",
        R"J({"seq": 7, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 8, "t": 0.0, "event": "throw", "task": "Task-1", "exc": "CancelledError", "msg": "stop"})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "wait cancelled: True ('stop',)"})J",
        R"J({"seq": 10, "t": 0.0, "event": "print", "text": "locked: True"})J",
        R"J({"seq": 11, "t": 0.0, "event": "print", "text": "locked: False"})J",
        R"J({"seq": 12, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 13, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    check_all_versions([](World& w) { return native(condition_wait_cancel(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kCondWaitCancel_311_312_313; });
}

TEST_CASE("Condition.wait: notified, then cancelled while the lock is contested, still ends holding it") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/locks/condition_wait_cancel_contested.py
    const std::vector<std::string> kCondContested_311_312_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "Condition.wait", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "print", "text": "locked after wait() released it: False"})J",
        R"J({"seq": 4, "t": 0.0, "event": "cancel", "task": "Task-2", "by": null, "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 5, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 6, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 7, "t": 0.0, "event": "throw", "task": "Task-1", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 8, "t": 0.0, "event": "print", "text": "wait cancelled"})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "locked: True cancelled: True"})J",
        R"J({"seq": 10, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 11, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    check_all_versions([](World& w) { return native(condition_wait_cancel_contested(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kCondContested_311_312_313; });
}

TEST_CASE("Condition.wait cancelled while re-acquiring: 3.13 re-raises that CancelledError, 3.11/3.12 a new one") {
    // CPython 3.11, 3.12: tracer.py runtime/locks/condition_cancel_during_reacquire.py
    const std::vector<std::string> kCondReacquire_311_312 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "func", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": "foo", "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 4, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": "foo"})J",
        R"J({"seq": 5, "t": 0.0, "event": "print", "text": "func caught () locked: True"})J",
        R"J({"seq": 6, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 7, "t": 0.0, "event": "throw", "task": "Task-1", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 8, "t": 0.0, "event": "print", "text": "main caught ()"})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "task cancelled: True locked: False"})J",
        R"J({"seq": 10, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 11, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    // CPython 3.13: tracer.py runtime/locks/condition_cancel_during_reacquire.py
    const std::vector<std::string> kCondReacquire_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "func", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": "foo", "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 4, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": "foo"})J",
        R"J({"seq": 5, "t": 0.0, "event": "print", "text": "func caught ('foo',) locked: True"})J",
        R"J({"seq": 6, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 7, "t": 0.0, "event": "throw", "task": "Task-1", "exc": "CancelledError", "msg": "foo"})J",
        R"J({"seq": 8, "t": 0.0, "event": "print", "text": "main caught ('foo',)"})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "task cancelled: True locked: False"})J",
        R"J({"seq": 10, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 11, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    bool wake = false;
    check_all_versions(
        [&](World& w) {
            wake = false;
            return native(condition_cancel_during_reacquire(w, wake), "main");
        },
        [&](PyVersion v) -> const Trace& {
            return pick(v, kCondReacquire_311_312, kCondReacquire_311_312, kCondReacquire_313);
        });
}

TEST_CASE("Condition: a waiter notified then cancelled passes the notification on in 3.13, loses it before") {
    // CPython 3.11, 3.12: tracer.py runtime/locks/condition_notified_then_cancelled.py
    const std::vector<std::string> kCondNotifiedCancelled_311_312 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "consumer", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "consumer", "parent": "Task-1"})J",
        R"J({"seq": 4, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": true})J",
        R"J({"seq": 5, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 6, "t": 0.0, "event": "print", "text": "c0 cancelled"})J",
        R"J({"seq": 7, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 8, "t": 0.0, "event": "print", "text": "state: 1"})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "c1 exits"})J",
        R"J({"seq": 10, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})J",
        R"J({"seq": 11, "t": 0.0, "event": "print", "text": "c0 cancelled: True"})J",
        R"J({"seq": 12, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 13, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    // CPython 3.13: tracer.py runtime/locks/condition_notified_then_cancelled.py
    const std::vector<std::string> kCondNotifiedCancelled_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "consumer", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "consumer", "parent": "Task-1"})J",
        R"J({"seq": 4, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": true})J",
        R"J({"seq": 5, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 6, "t": 0.0, "event": "print", "text": "c0 cancelled"})J",
        R"J({"seq": 7, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 8, "t": 0.0, "event": "print", "text": "c1 consumed, state 0"})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "state: 0"})J",
        R"J({"seq": 10, "t": 0.0, "event": "print", "text": "c1 exits"})J",
        R"J({"seq": 11, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})J",
        R"J({"seq": 12, "t": 0.0, "event": "print", "text": "c0 cancelled: True"})J",
        R"J({"seq": 13, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 14, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    int state = 0;
    check_all_versions(
        [&](World& w) {
            state = 0;
            return native(condition_notified_then_cancelled(w, state), "main");
        },
        [&](PyVersion v) -> const Trace& {
            return pick(v, kCondNotifiedCancelled_311_312, kCondNotifiedCancelled_311_312, kCondNotifiedCancelled_313);
        });
}

TEST_CASE("Barrier: a party cancelled while filling frees its place; abort breaks it; 3.14's parties message") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/locks/barrier_cancel_one.py
    const std::vector<std::string> kBarrierCancelOne_311_312_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "coro", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "coro", "parent": "Task-1"})J",
        R"J({"seq": 4, "t": 0.0, "event": "print", "text": "n_waiting: 2"})J",
        R"J({"seq": 5, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 6, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 7, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 8, "t": 0.0, "event": "print", "text": "n_waiting after cancel: 1"})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "t1 cancelled: True"})J",
        R"J({"seq": 10, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "coro", "parent": "Task-1"})J",
        R"J({"seq": 11, "t": 0.0, "event": "print", "text": "n_waiting: 2"})J",
        R"J({"seq": 12, "t": 0.0, "event": "task_created", "task": "Task-5", "coro": "coro", "parent": "Task-1"})J",
        R"J({"seq": 13, "t": 0.0, "event": "print", "text": "t4 passed with index 2"})J",
        R"J({"seq": 14, "t": 0.0, "event": "done", "task": "Task-5", "state": "finished", "exc": null})J",
        R"J({"seq": 15, "t": 0.0, "event": "print", "text": "t2 passed with index 1"})J",
        R"J({"seq": 16, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})J",
        R"J({"seq": 17, "t": 0.0, "event": "print", "text": "t3 passed with index 1"})J",
        R"J({"seq": 18, "t": 0.0, "event": "done", "task": "Task-4", "state": "finished", "exc": null})J",
        R"J({"seq": 19, "t": 0.0, "event": "print", "text": "results: [1, 1, 2] n_waiting: 0 broken: False"})J",
        R"J({"seq": 20, "t": 0.0, "event": "task_created", "task": "Task-6", "coro": "coro", "parent": "Task-1"})J",
        R"J({"seq": 21, "t": 0.0, "event": "print", "text": "w broken: Abort or reset of barrier"})J",
        R"J({"seq": 22, "t": 0.0, "event": "done", "task": "Task-6", "state": "finished", "exc": null})J",
        R"J({"seq": 23, "t": 0.0, "event": "print", "text": "late broken: Barrier aborted"})J",
        R"J({"seq": 24, "t": 0.0, "event": "print", "text": "broken: True n_waiting: 0"})J",
        R"J({"seq": 25, "t": 0.0, "event": "print", "text": "Barrier(0): parties must be > 0"})J",
        R"J({"seq": 26, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 27, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    // CPython 3.14 (pyodide): tracer.py runtime/locks/barrier_cancel_one.py
    const std::vector<std::string> kBarrierCancelOne_314 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "coro", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "coro", "parent": "Task-1"})J",
        R"J({"seq": 4, "t": 0.0, "event": "print", "text": "n_waiting: 2"})J",
        R"J({"seq": 5, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 6, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 7, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 8, "t": 0.0, "event": "print", "text": "n_waiting after cancel: 1"})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "t1 cancelled: True"})J",
        R"J({"seq": 10, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "coro", "parent": "Task-1"})J",
        R"J({"seq": 11, "t": 0.0, "event": "print", "text": "n_waiting: 2"})J",
        R"J({"seq": 12, "t": 0.0, "event": "task_created", "task": "Task-5", "coro": "coro", "parent": "Task-1"})J",
        R"J({"seq": 13, "t": 0.0, "event": "print", "text": "t4 passed with index 2"})J",
        R"J({"seq": 14, "t": 0.0, "event": "done", "task": "Task-5", "state": "finished", "exc": null})J",
        R"J({"seq": 15, "t": 0.0, "event": "print", "text": "t2 passed with index 1"})J",
        R"J({"seq": 16, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})J",
        R"J({"seq": 17, "t": 0.0, "event": "print", "text": "t3 passed with index 1"})J",
        R"J({"seq": 18, "t": 0.0, "event": "done", "task": "Task-4", "state": "finished", "exc": null})J",
        R"J({"seq": 19, "t": 0.0, "event": "print", "text": "results: [1, 1, 2] n_waiting: 0 broken: False"})J",
        R"J({"seq": 20, "t": 0.0, "event": "task_created", "task": "Task-6", "coro": "coro", "parent": "Task-1"})J",
        R"J({"seq": 21, "t": 0.0, "event": "print", "text": "w broken: Abort or reset of barrier"})J",
        R"J({"seq": 22, "t": 0.0, "event": "done", "task": "Task-6", "state": "finished", "exc": null})J",
        R"J({"seq": 23, "t": 0.0, "event": "print", "text": "late broken: Barrier aborted"})J",
        R"J({"seq": 24, "t": 0.0, "event": "print", "text": "broken: True n_waiting: 0"})J",
        R"J({"seq": 25, "t": 0.0, "event": "print", "text": "Barrier(0): parties must be >= 1"})J",
        R"J({"seq": 26, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 27, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    std::vector<int64_t> results;
    check_all_versions(
        [&](World& w) {
            results.clear();
            return native(barrier_cancel_one(w, results), "main");
        },
        [&](PyVersion v) -> const Trace& {
            return v == PyVersion::V3_14 ? kBarrierCancelOne_314 : kBarrierCancelOne_311_312_313;
        });
}

}
