// asyncio.queues (Queue, PriorityQueue, LifoQueue) in every version: ports of the
// cancellation, join/task_done and shutdown cases of CPython's test_queues.py as C++
// coroutine scenarios. Each mirrors a tests/scenarios/runtime/queues/*.py file; the expected
// traces are the reference tracer's output for it under CPython 3.11.7, 3.12.1 and 3.13.0.
#include <doctest/doctest.h>

#include "daemon/object/containers.h"
#include "daemon/object/float_repr.h"
#include "daemon/object/str.h"
#include "daemon/runtime/queues.h"
#include "tests/unit/runtime_helpers.h"

using namespace tl;
using namespace tl::rt;
using tl::rt::queues::LifoQueue;
using tl::rt::queues::PriorityQueue;
using tl::rt::queues::Queue;
using tl::test::World;
using Trace = std::vector<std::string>;

// Propagates an exception out of the enclosing native coroutine, as an uncaught raise.
#define AWAIT_OR_RAISE(var, expr) \
    Outcome var = co_await (expr); \
    if (!var.ok()) co_return var
// The same for a synchronous call that may raise.
#define CALL_OR_RAISE(var, expr) \
    Outcome var = (expr);       \
    if (!var.ok()) co_return var

namespace {

std::string py(bool b) { return b ? "True" : "False"; }
bool is_cancelled_error(const Outcome& o) { return !o.ok() && o.exc->is_instance(exc_types().CancelledError); }
bool raised(const Outcome& o, Type* t) { return !o.ok() && o.exc->is_instance(t); }
Outcome none() { return Outcome::ok(Value::none()); }
std::string msg_of(const Outcome& o) {
    const std::string* m = o.exc ? o.exc->message_str() : nullptr;
    return m ? *m : std::string();
}
// repr() of the values these scenarios print (int, float, str, tuple); show() is str().
std::string repr_of(const Value& v) {
    if (v.is_bool()) return py(v.as_bool());
    if (v.is_int()) return std::to_string(v.as_int());
    if (v.is_float()) return float_repr(v.as_float());
    if (const std::string* s = str_of(v)) return "'" + *s + "'";
    if (v.is_obj() && v.as_obj()->type()->layout() == Layout::Tuple) {
        std::string out = "(";
        const auto& items = v.obj_as<TupleObject>()->items;
        for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + repr_of(items[i]);
        return out + (items.size() == 1 ? ",)" : ")");
    }
    return "?";
}
std::string show(const Value& v) {
    if (const std::string* s = str_of(v)) return *s;
    return repr_of(v);
}
Value tuple2(Value a, Value b) { return Value(new TupleObject({std::move(a), std::move(b)})); }
// Version groups: 3.14 takes 3.13's trace: queues.py is unchanged there but for docstrings,
// and pyodide's 3.14 tracer output equals 3.13's for every scenario here.
const Trace& pick(PyVersion v, const Trace& v311, const Trace& v312, const Trace& v313) {
    if (v == PyVersion::V3_11) return v311;
    if (v == PyVersion::V3_12) return v312;
    return v313;
}

// ---- queue_get_cancelled_race.py --------------------------------------------------------
Native queue_get_cancelled_race(World& w) {
    Ref<Queue> q(new Queue(w.loop));
    Ref<Task> t1 = create_task(w.loop, q->get());
    Ref<Task> t2 = create_task(w.loop, q->get());
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    t1->cancel();
    AWAIT_OR_RAISE(s2, delegate(sleep(w.loop, 0)));
    w.print("t1 done: " + py(t1->done()) + " cancelled: " + py(t1->cancelled()));
    CHECK(q->getters().size() == 1);  // only t2's; t1's was removed when it was cancelled
    AWAIT_OR_RAISE(p, delegate(q->put(make_str("a"))));
    AWAIT_OR_RAISE(s3, delegate(sleep(w.loop, 0)));
    AWAIT_OR_RAISE(r, Ref<Future>(t2));
    w.print("t2 got: " + show(r.value));
    Outcome g = q->get_nowait();
    if (!raised(g, exc_types().QueueEmpty)) co_return g;
    w.print("get_nowait: " + g.exc->type_name());
    w.print("qsize: " + std::to_string(q->qsize()) + " empty: " + py(q->empty()) + " full: " + py(q->full()));
    CHECK(q->getters().empty());
    co_return none();
}

// ---- queue_get_woken_then_cancelled.py --------------------------------------------------
Native reader(World& w, Ref<Queue> q, std::string name) {
    Outcome item = co_await delegate(q->get());
    if (is_cancelled_error(item)) {
        w.print(name + " cancelled, qsize: " + std::to_string(q->qsize()));
        co_return item;
    }
    if (!item.ok()) co_return item;
    w.print(name + " got " + show(item.value));
    co_return item;
}

Native queue_get_woken_then_cancelled(World& w) {
    Ref<Queue> q(new Queue(w.loop));
    Ref<Task> r1 = create_task(w.loop, native(reader(w, q, "r1"), "reader"));
    Ref<Task> r2 = create_task(w.loop, native(reader(w, q, "r2"), "reader"));
    Ref<Task> r3 = create_task(w.loop, native(reader(w, q, "r3"), "reader"));
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    q->put_nowait(Value::integer(1));
    q->put_nowait(Value::integer(2));
    r1->cancel();
    Outcome o = co_await Ref<Future>(r1);
    if (!is_cancelled_error(o)) co_return o;
    w.print("r1 cancelled: " + py(r1->cancelled()));
    AWAIT_OR_RAISE(v2, Ref<Future>(r2));
    AWAIT_OR_RAISE(v3, Ref<Future>(r3));
    w.print("r2: " + show(v2.value) + " r3: " + show(v3.value) + " qsize: " + std::to_string(q->qsize()));
    q->put_nowait(Value::integer(3));
    Ref<Task> again = create_task(w.loop, native(reader(w, q, "again"), "reader"));
    AWAIT_OR_RAISE(va, Ref<Future>(again));
    w.print("again: " + show(va.value));
    CHECK(q->getters().empty());
    co_return none();
}

// ---- queue_put_cancelled_race.py --------------------------------------------------------
Native putter(World& w, Ref<Queue> q, Value item) {
    Outcome o = co_await delegate(q->put(item));
    if (is_cancelled_error(o)) {
        w.print("put " + show(item) + " cancelled, full: " + py(q->full()));
        co_return o;
    }
    if (!o.ok()) co_return o;
    w.print("put " + show(item) + " done");
    co_return none();
}

Native queue_put_cancelled_race(World& w) {
    Ref<Queue> q(new Queue(w.loop, 1));
    Ref<Task> put_a = create_task(w.loop, native(putter(w, q, make_str("a")), "putter"));
    Ref<Task> put_b = create_task(w.loop, native(putter(w, q, make_str("b")), "putter"));
    Ref<Task> put_c = create_task(w.loop, native(putter(w, q, make_str("X")), "putter"));
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    w.print("a done: " + py(put_a->done()) + " b done: " + py(put_b->done()));
    put_c->cancel();
    AWAIT_OR_RAISE(s2, delegate(sleep(w.loop, 0)));
    w.print("c done: " + py(put_c->done()));
    CALL_OR_RAISE(g1, q->get_nowait());
    w.print("got " + show(g1.value));
    AWAIT_OR_RAISE(s3, delegate(sleep(w.loop, 0)));
    CALL_OR_RAISE(g2, q->get_nowait());
    w.print("got " + show(g2.value));
    AWAIT_OR_RAISE(b, Ref<Future>(put_b));
    q->put_nowait(Value::integer(1));
    Ref<Task> w1 = create_task(w.loop, native(putter(w, q, Value::integer(2)), "putter"));
    Ref<Task> w2 = create_task(w.loop, native(putter(w, q, Value::integer(3)), "putter"));
    AWAIT_OR_RAISE(s4, delegate(sleep(w.loop, 0)));
    CALL_OR_RAISE(g3, q->get_nowait());  // pops w1's putter and wakes it
    w.print("got " + show(g3.value));
    w1->cancel();
    Outcome o = co_await Ref<Future>(w1);
    if (!is_cancelled_error(o)) co_return o;
    w.print("w1 cancelled: " + py(w1->cancelled()));
    AWAIT_OR_RAISE(r2, Ref<Future>(w2));
    CALL_OR_RAISE(g4, q->get_nowait());
    w.print("got " + show(g4.value) + " qsize: " + std::to_string(q->qsize()));
    CALL_OR_RAISE(p4, q->put_nowait(Value::integer(4)));
    Outcome p5 = q->put_nowait(Value::integer(5));
    if (!raised(p5, exc_types().QueueFull)) co_return p5;
    w.print("put_nowait: " + p5.exc->type_name());
    CHECK(q->putters().empty());
    co_return none();
}

// ---- queue_join_task_done.py ------------------------------------------------------------
Native worker(World& w, Ref<Queue> q, std::string name) {
    for (;;) {
        AWAIT_OR_RAISE(item, delegate(q->get()));
        AWAIT_OR_RAISE(s, delegate(sleep(w.loop, 0.5)));
        w.print(name + " did " + show(item.value));
        CALL_OR_RAISE(d, q->task_done());
    }
}

Native queue_join_task_done(World& w) {
    Ref<Queue> q(new Queue(w.loop));
    AWAIT_OR_RAISE(j0, delegate(q->join()));
    w.print("join on empty returned");
    Outcome td = q->task_done();
    if (!raised(td, exc_types().ValueError)) co_return td;
    w.print("task_done: " + msg_of(td));
    for (int i = 0; i < 3; ++i) q->put_nowait(Value::integer(i));
    Ref<Task> j = create_task(w.loop, q->join());
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    j->cancel();
    AWAIT_OR_RAISE(s2, delegate(sleep(w.loop, 0)));
    w.print("join cancelled: " + py(j->cancelled()));
    CHECK(q->unfinished_tasks() == 3);
    std::vector<Ref<Task>> workers;
    for (int i = 0; i < 2; ++i) {
        workers.push_back(create_task(w.loop, native(worker(w, q, "w" + std::to_string(i)), "worker")));
    }
    AWAIT_OR_RAISE(j1, delegate(q->join()));
    w.print("joined at " + float_repr(w.loop.time()));
    for (auto& t : workers) t->cancel();
    AWAIT_OR_RAISE(s3, delegate(sleep(w.loop, 0)));
    w.print("workers cancelled: [" + py(workers[0]->cancelled()) + ", " + py(workers[1]->cancelled()) + "]");
    co_return none();
}

// ---- queue_shutdown.py ------------------------------------------------------------------
Native shutdown_getter(World& w, Ref<Queue> q, std::string name) {
    Outcome item = co_await delegate(q->get());
    if (item.ok()) {
        w.print(name + " got " + show(item.value));
    } else if (item.exc->is_instance(exc_types().Exception)) {
        w.print(name + " raised " + item.exc->type_name());
    } else {
        co_return item;
    }
    co_return none();
}

Native shutdown_putter(World& w, Ref<Queue> q, Value item) {
    Outcome o = co_await delegate(q->put(item));
    if (o.ok()) {
        w.print("put " + show(item));
    } else if (o.exc->is_instance(exc_types().Exception)) {
        w.print("put " + show(item) + " raised " + o.exc->type_name());
    } else {
        co_return o;
    }
    co_return none();
}

Native queue_shutdown(World& w) {
    Ref<Queue> q(new Queue(w.loop));
    Ref<Task> g = create_task(w.loop, native(shutdown_getter(w, q, "g"), "getter"));
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    Outcome sd = q->shutdown();
    if (raised(sd, exc_types().AttributeError)) {
        w.print("shutdown: " + msg_of(sd));
        g->cancel();
        co_return none();
    }
    if (!sd.ok()) co_return sd;
    AWAIT_OR_RAISE(gr, Ref<Future>(g));
    Outcome pn = q->put_nowait(Value::integer(1));
    if (!raised(pn, exc_types().Exception)) co_return pn;
    w.print("put_nowait: " + pn.exc->type_name());

    Ref<Queue> q2(new Queue(w.loop, 1));
    q2->put_nowait(make_str("x"));
    Ref<Task> p = create_task(w.loop, native(shutdown_putter(w, q2, make_str("y")), "putter"));
    AWAIT_OR_RAISE(s2, delegate(sleep(w.loop, 0)));
    q2->shutdown();
    AWAIT_OR_RAISE(pr, Ref<Future>(p));
    CALL_OR_RAISE(gx, q2->get_nowait());
    w.print("get after shutdown: " + show(gx.value));
    Outcome g2 = co_await delegate(q2->get());
    if (!raised(g2, exc_types().Exception)) co_return g2;
    w.print("get: " + g2.exc->type_name());

    Ref<Queue> q3(new Queue(w.loop));
    for (int i = 0; i < 3; ++i) q3->put_nowait(Value::integer(i));
    Ref<Task> j = create_task(w.loop, q3->join());
    AWAIT_OR_RAISE(s3, delegate(sleep(w.loop, 0)));
    q3->shutdown(true);
    AWAIT_OR_RAISE(jr, Ref<Future>(j));
    w.print("join done after immediate shutdown, qsize: " + std::to_string(q3->qsize()));
    CHECK(q->getters().empty());
    CHECK(q2->putters().empty());
    co_return none();
}

// ---- priority_lifo_order.py -------------------------------------------------------------
std::string drain(Ref<Queue> q, size_t n) {
    std::string out = "[";
    for (size_t i = 0; i < n; ++i) {
        Outcome o = q->get_nowait();
        REQUIRE(o.ok());
        out += (i ? ", " : "") + repr_of(o.value);
    }
    return out + "]";
}

Native priority_lifo_order(World& w) {
    Ref<PriorityQueue> pq(new PriorityQueue(w.loop));
    for (int64_t item : {5, 3, 9, 1, 3, 7, 2, 8, 1}) pq->put_nowait(Value::integer(item));
    w.print("priority: " + drain(pq, pq->qsize()));
    pq->put_nowait(tuple2(Value::integer(2), make_str("b")));
    pq->put_nowait(tuple2(Value::integer(1), make_str("z")));
    pq->put_nowait(tuple2(Value::integer(2), make_str("a")));
    pq->put_nowait(tuple2(Value::integer(1), make_str("y")));
    pq->put_nowait(tuple2(Value::floating(0.5), make_str("h")));
    w.print("tuples: " + drain(pq, pq->qsize()));
    CALL_OR_RAISE(m1, pq->put_nowait(Value::integer(1)));
    Outcome m2 = pq->put_nowait(make_str("one"));
    if (!raised(m2, exc_types().TypeError)) co_return m2;
    w.print("mixed: " + msg_of(m2) + " qsize: " + std::to_string(pq->qsize()));
    Ref<LifoQueue> lq(new LifoQueue(w.loop, 3));
    for (int64_t item : {1, 2, 3}) lq->put_nowait(Value::integer(item));
    w.print("lifo full: " + py(lq->full()));
    w.print("lifo: " + drain(lq, 3));
    Ref<Task> t = create_task(w.loop, lq->get());
    AWAIT_OR_RAISE(s1, delegate(sleep(w.loop, 0)));
    AWAIT_OR_RAISE(p, delegate(lq->put(Value::integer(42))));
    AWAIT_OR_RAISE(r, Ref<Future>(t));
    w.print("waiting get: " + show(r.value));
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

TEST_SUITE("queues") {

TEST_CASE("Queue.get cancelled before any put leaves no getter; the put goes to the next getter") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/queues/queue_get_cancelled_race.py
    const std::vector<std::string> kGetCancelledRace_311_312_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "Queue.get", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "Queue.get", "parent": "Task-1"})J",
        R"J({"seq": 4, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 5, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 6, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 7, "t": 0.0, "event": "print", "text": "t1 done: True cancelled: True"})J",
        R"J({"seq": 8, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "t2 got: a"})J",
        R"J({"seq": 10, "t": 0.0, "event": "print", "text": "get_nowait: QueueEmpty"})J",
        R"J({"seq": 11, "t": 0.0, "event": "print", "text": "qsize: 0 empty: True full: False"})J",
        R"J({"seq": 12, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 13, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    check_all_versions([](World& w) { return native(queue_get_cancelled_race(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kGetCancelledRace_311_312_313; });
}

TEST_CASE("Queue.get woken by put_nowait then cancelled hands the item to the next getter; none lost") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/queues/queue_get_woken_then_cancelled.py
    const std::vector<std::string> kGetWokenCancelled_311_312_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "reader", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "reader", "parent": "Task-1"})J",
        R"J({"seq": 4, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "reader", "parent": "Task-1"})J",
        R"J({"seq": 5, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": true})J",
        R"J({"seq": 6, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 7, "t": 0.0, "event": "print", "text": "r1 cancelled, qsize: 2"})J",
        R"J({"seq": 8, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "r2 got 1"})J",
        R"J({"seq": 10, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})J",
        R"J({"seq": 11, "t": 0.0, "event": "print", "text": "r3 got 2"})J",
        R"J({"seq": 12, "t": 0.0, "event": "done", "task": "Task-4", "state": "finished", "exc": null})J",
        R"J({"seq": 13, "t": 0.0, "event": "throw", "task": "Task-1", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 14, "t": 0.0, "event": "print", "text": "r1 cancelled: True"})J",
        R"J({"seq": 15, "t": 0.0, "event": "print", "text": "r2: 1 r3: 2 qsize: 0"})J",
        R"J({"seq": 16, "t": 0.0, "event": "task_created", "task": "Task-5", "coro": "reader", "parent": "Task-1"})J",
        R"J({"seq": 17, "t": 0.0, "event": "print", "text": "again got 3"})J",
        R"J({"seq": 18, "t": 0.0, "event": "done", "task": "Task-5", "state": "finished", "exc": null})J",
        R"J({"seq": 19, "t": 0.0, "event": "print", "text": "again: 3"})J",
        R"J({"seq": 20, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 21, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    check_all_versions([](World& w) { return native(queue_get_woken_then_cancelled(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kGetWokenCancelled_311_312_313; });
}

TEST_CASE("Queue.put: cancelled putters are skipped; a woken-then-cancelled putter hands its slot on") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/queues/queue_put_cancelled_race.py
    const std::vector<std::string> kPutCancelledRace_311_312_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "putter", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "putter", "parent": "Task-1"})J",
        R"J({"seq": 4, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "putter", "parent": "Task-1"})J",
        R"J({"seq": 5, "t": 0.0, "event": "print", "text": "put a done"})J",
        R"J({"seq": 6, "t": 0.0, "event": "done", "task": "Task-2", "state": "finished", "exc": null})J",
        R"J({"seq": 7, "t": 0.0, "event": "print", "text": "a done: True b done: False"})J",
        R"J({"seq": 8, "t": 0.0, "event": "cancel", "task": "Task-4", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 9, "t": 0.0, "event": "throw", "task": "Task-4", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 10, "t": 0.0, "event": "print", "text": "put X cancelled, full: True"})J",
        R"J({"seq": 11, "t": 0.0, "event": "done", "task": "Task-4", "state": "cancelled", "exc": null})J",
        R"J({"seq": 12, "t": 0.0, "event": "print", "text": "c done: True"})J",
        R"J({"seq": 13, "t": 0.0, "event": "print", "text": "got a"})J",
        R"J({"seq": 14, "t": 0.0, "event": "print", "text": "put b done"})J",
        R"J({"seq": 15, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})J",
        R"J({"seq": 16, "t": 0.0, "event": "print", "text": "got b"})J",
        R"J({"seq": 17, "t": 0.0, "event": "task_created", "task": "Task-5", "coro": "putter", "parent": "Task-1"})J",
        R"J({"seq": 18, "t": 0.0, "event": "task_created", "task": "Task-6", "coro": "putter", "parent": "Task-1"})J",
        R"J({"seq": 19, "t": 0.0, "event": "print", "text": "got 1"})J",
        R"J({"seq": 20, "t": 0.0, "event": "cancel", "task": "Task-5", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": true})J",
        R"J({"seq": 21, "t": 0.0, "event": "throw", "task": "Task-5", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 22, "t": 0.0, "event": "print", "text": "put 2 cancelled, full: False"})J",
        R"J({"seq": 23, "t": 0.0, "event": "done", "task": "Task-5", "state": "cancelled", "exc": null})J",
        R"J({"seq": 24, "t": 0.0, "event": "print", "text": "put 3 done"})J",
        R"J({"seq": 25, "t": 0.0, "event": "done", "task": "Task-6", "state": "finished", "exc": null})J",
        R"J({"seq": 26, "t": 0.0, "event": "throw", "task": "Task-1", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 27, "t": 0.0, "event": "print", "text": "w1 cancelled: True"})J",
        R"J({"seq": 28, "t": 0.0, "event": "print", "text": "got 3 qsize: 0"})J",
        R"J({"seq": 29, "t": 0.0, "event": "print", "text": "put_nowait: QueueFull"})J",
        R"J({"seq": 30, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 31, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    check_all_versions([](World& w) { return native(queue_put_cancelled_race(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kPutCancelledRace_311_312_313; });
}

TEST_CASE("Queue.join waits for every task_done; a cancelled join changes nothing; underflow raises") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/queues/queue_join_task_done.py
    const std::vector<std::string> kJoinTaskDone_311_312_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "print", "text": "join on empty returned"})J",
        R"J({"seq": 3, "t": 0.0, "event": "print", "text": "task_done: task_done() called too many times"})J",
        R"J({"seq": 4, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "Queue.join", "parent": "Task-1"})J",
        R"J({"seq": 5, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 6, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 7, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 8, "t": 0.0, "event": "print", "text": "join cancelled: True"})J",
        R"J({"seq": 9, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "worker", "parent": "Task-1"})J",
        R"J({"seq": 10, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "worker", "parent": "Task-1"})J",
        R"J({"seq": 11, "t": 0.5, "event": "print", "text": "w0 did 0"})J",
        R"J({"seq": 12, "t": 0.5, "event": "print", "text": "w1 did 1"})J",
        R"J({"seq": 13, "t": 1.0, "event": "print", "text": "w0 did 2"})J",
        R"J({"seq": 14, "t": 1.0, "event": "print", "text": "joined at 1.0"})J",
        R"J({"seq": 15, "t": 1.0, "event": "cancel", "task": "Task-3", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 16, "t": 1.0, "event": "cancel", "task": "Task-4", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 17, "t": 1.0, "event": "throw", "task": "Task-3", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 18, "t": 1.0, "event": "done", "task": "Task-3", "state": "cancelled", "exc": null})J",
        R"J({"seq": 19, "t": 1.0, "event": "throw", "task": "Task-4", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 20, "t": 1.0, "event": "done", "task": "Task-4", "state": "cancelled", "exc": null})J",
        R"J({"seq": 21, "t": 1.0, "event": "print", "text": "workers cancelled: [True, True]"})J",
        R"J({"seq": 22, "t": 1.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 23, "t": 1.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    check_all_versions([](World& w) { return native(queue_join_task_done(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kJoinTaskDone_311_312_313; });
}

TEST_CASE("Queue.shutdown wakes getters and putters with QueueShutDown (3.13); absent in 3.11/3.12") {
    // CPython 3.11, 3.12: tracer.py runtime/queues/queue_shutdown.py
    const std::vector<std::string> kShutdown_311_312 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "getter", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "print", "text": "shutdown: 'Queue' object has no attribute 'shutdown'"})J",
        R"J({"seq": 4, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": false})J",
        R"J({"seq": 5, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 6, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": null})J",
        R"J({"seq": 7, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})J",
        R"J({"seq": 8, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    // CPython 3.13: tracer.py runtime/queues/queue_shutdown.py
    const std::vector<std::string> kShutdown_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "getter", "parent": "Task-1"})J",
        R"J({"seq": 3, "t": 0.0, "event": "print", "text": "g raised QueueShutDown"})J",
        R"J({"seq": 4, "t": 0.0, "event": "done", "task": "Task-2", "state": "finished", "exc": null})J",
        R"J({"seq": 5, "t": 0.0, "event": "print", "text": "put_nowait: QueueShutDown"})J",
        R"J({"seq": 6, "t": 0.0, "event": "task_created", "task": "Task-3", "coro": "putter", "parent": "Task-1"})J",
        R"J({"seq": 7, "t": 0.0, "event": "print", "text": "put y raised QueueShutDown"})J",
        R"J({"seq": 8, "t": 0.0, "event": "done", "task": "Task-3", "state": "finished", "exc": null})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "get after shutdown: x"})J",
        R"J({"seq": 10, "t": 0.0, "event": "print", "text": "get: QueueShutDown"})J",
        R"J({"seq": 11, "t": 0.0, "event": "task_created", "task": "Task-4", "coro": "Queue.join", "parent": "Task-1"})J",
        R"J({"seq": 12, "t": 0.0, "event": "done", "task": "Task-4", "state": "finished", "exc": null})J",
        R"J({"seq": 13, "t": 0.0, "event": "print", "text": "join done after immediate shutdown, qsize: 0"})J",
        R"J({"seq": 14, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 15, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    check_all_versions([](World& w) { return native(queue_shutdown(w), "main"); },
                       [&](PyVersion v) -> const Trace& { return pick(v, kShutdown_311_312, kShutdown_311_312, kShutdown_313); });
}

TEST_CASE("PriorityQueue pops in heapq order, incomparable items raise TypeError; LifoQueue is LIFO") {
    // CPython 3.11, 3.12, 3.13: tracer.py runtime/queues/priority_lifo_order.py
    const std::vector<std::string> kPriorityLifo_311_312_313 = {
        R"J({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})J",
        R"J({"seq": 2, "t": 0.0, "event": "print", "text": "priority: [1, 1, 2, 3, 3, 5, 7, 8, 9]"})J",
        R"J({"seq": 3, "t": 0.0, "event": "print", "text": "tuples: [(0.5, 'h'), (1, 'y'), (1, 'z'), (2, 'a'), (2, 'b')]"})J",
        R"J({"seq": 4, "t": 0.0, "event": "print", "text": "mixed: '<' not supported between instances of 'str' and 'int' qsize: 2"})J",
        R"J({"seq": 5, "t": 0.0, "event": "print", "text": "lifo full: True"})J",
        R"J({"seq": 6, "t": 0.0, "event": "print", "text": "lifo: [3, 2, 1]"})J",
        R"J({"seq": 7, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "Queue.get", "parent": "Task-1"})J",
        R"J({"seq": 8, "t": 0.0, "event": "done", "task": "Task-2", "state": "finished", "exc": null})J",
        R"J({"seq": 9, "t": 0.0, "event": "print", "text": "waiting get: 42"})J",
        R"J({"seq": 10, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})J",
        R"J({"seq": 11, "t": 0.0, "event": "exit", "status": "finished", "exc": null})J",
    };
    check_all_versions([](World& w) { return native(priority_lifo_order(w), "main"); },
                       [&](PyVersion) -> const Trace& { return kPriorityLifo_311_312_313; });
}

}
