// tasks.wait in every version: C++ ports of tests/scenarios/runtime/wait/*.py (the wait
// cases of test_tasks.py), each checked against CPython's trace of the .py under 3.11.7,
// 3.12.1, 3.13.0 and 3.14 (pyodide), recorded in the .jsonl files beside it.
#include <doctest/doctest.h>

#include <algorithm>

#include "daemon/runtime/combinators.h"
#include "tests/unit/scenario_support.h"

using namespace tl;
using namespace tl::rt;
using namespace tl::test;

namespace {

const char* kDir = "wait";

// The (done, pending) lists of wait's result.
struct DonePending {
    std::vector<Value> done, pending;
};
DonePending split(const Value& result) {
    auto* pair = result.obj_as<TupleObject>();
    REQUIRE(pair->items.size() == 2);
    return {pair->items[0].obj_as<ListObject>()->items, pair->items[1].obj_as<ListObject>()->items};
}
// [t.get_name() for t in ts], sorted when CPython's scenario sorts the set.
std::string names(const std::vector<Value>& ts, bool sorted = false) {
    std::vector<std::string> n;
    for (const Value& v : ts) n.push_back(v.obj_as<Task>()->name());
    if (sorted) std::sort(n.begin(), n.end());
    std::string out = "[";
    for (size_t i = 0; i < n.size(); ++i) out += (i ? ", '" : "'") + n[i] + "'";
    return out + "]";
}

Native sleeper(World& w, int n, double d) {
    AWAIT_OR_RAISE(s, delegate(sleep(w.loop, d)));
    co_return Outcome::ok(Value::integer(n));
}

// ---- wait_first_completed.py ---------------------------------------------------------
Native wfc_worker(World& w, int n, double d) {
    AWAIT_OR_RAISE(s, delegate(sleep(w.loop, d)));
    w.print("worker " + std::to_string(n) + " done");
    co_return Outcome::ok(Value::integer(n));
}

Native wait_first_completed(World& w) {
    Ref<Task> a = create_task(w.loop, native(wfc_worker(w, 1, 10), "worker"));
    Ref<Task> b = create_task(w.loop, native(wfc_worker(w, 2, 0.1), "worker"));
    std::vector<Value> fs{Value(b), Value(a)};
    AWAIT_OR_RAISE(r, delegate(wait(w.loop, fs, std::nullopt, ReturnWhen::FirstCompleted)));
    DonePending dp = split(r.value);
    w.print("done: " + names(dp.done) + " pending: " + names(dp.pending));
    w.print("a cancelling: " + std::to_string(a->cancelling()) + " a done: " + py(a->done()));
    a->cancel();
    co_return ok_none();
}

// ---- wait_first_exception.py ---------------------------------------------------------
Native wfe_fail(World& w, double d) {
    AWAIT_OR_RAISE(s, delegate(sleep(w.loop, d)));
    co_return Outcome::raise(make_exception(exc_types().ZeroDivisionError));
}

Native wait_first_exception(World& w) {
    Ref<Task> a = create_task(w.loop, native(sleeper(w, 1, 10), "sleeper"));
    Ref<Task> b = create_task(w.loop, native(wfe_fail(w, 1), "fail"));
    Ref<Task> c = create_task(w.loop, native(sleeper(w, 3, 2), "sleeper"));
    AWAIT_OR_RAISE(s, delegate(sleep(w.loop, 0)));
    c->cancel();
    std::vector<Value> fs{Value(a), Value(b), Value(c)};
    AWAIT_OR_RAISE(r, delegate(wait(w.loop, fs, std::nullopt, ReturnWhen::FirstException)));
    DonePending dp = split(r.value);
    w.print("done: " + names(dp.done, true) + " pending: " + names(dp.pending));
    a->cancel();

    Ref<Task> d = create_task(w.loop, native(sleeper(w, 4, 1), "sleeper"));
    Ref<Task> e = create_task(w.loop, native(sleeper(w, 5, 2), "sleeper"));
    std::vector<Value> fs2{Value(d), Value(e)};
    AWAIT_OR_RAISE(r2, delegate(wait(w.loop, fs2, std::nullopt, ReturnWhen::FirstException)));
    DonePending dp2 = split(r2.value);
    w.print("no failure: done " + std::to_string(dp2.done.size()) + " pending " + std::to_string(dp2.pending.size()));
    co_return ok_none();
}

// ---- wait_timeout.py -----------------------------------------------------------------
Native wait_timeout(World& w) {
    Ref<Task> a = create_task(w.loop, native(sleeper(w, 1, 0.1), "sleeper"));
    Ref<Task> b = create_task(w.loop, native(sleeper(w, 2, 0.15), "sleeper"));
    std::vector<Value> fs{Value(a), Value(b)};
    AWAIT_OR_RAISE(r, delegate(wait(w.loop, fs, 0.11)));
    DonePending dp = split(r.value);
    w.print("done: " + names(dp.done) + " pending: " + names(dp.pending));
    AWAIT_OR_RAISE(r2, delegate(wait(w.loop, fs)));
    DonePending dp2 = split(r2.value);
    int64_t sum = a->result().value.as_int() + b->result().value.as_int();
    w.print("all: " + std::to_string(dp2.done.size()) + " " + std::to_string(dp2.pending.size()) + " " +
            std::to_string(sum));
    co_return ok_none();
}

// ---- wait_cancelled.py (test_yield_wait_does_not_shield_cancel) ----------------------
Native wc_inner(World& w, Ref<Future> waiter) {
    AWAIT_OR_RAISE(o, waiter);
    w.print("inner finished");
    co_return ok_none();
}

Native wc_outer(World& w, Ref<Task> t) {
    std::vector<Value> fs{Value(t)};
    Outcome r = co_await delegate(wait(w.loop, fs));
    if (raised_cancelled(r)) {
        w.print("outer cancelled; inner done: " + py(t->done()));
        co_return r;
    }
    if (!r.ok()) co_return r;
    w.print("not reached");
    co_return ok_none();
}

Native wait_cancelled(World& w) {
    Ref<Future> waiter(new Future(&w.loop));
    Ref<Task> t = create_task(w.loop, native(wc_inner(w, waiter), "inner"));
    Ref<Task> f = create_task(w.loop, native(wc_outer(w, t), "outer"));
    AWAIT_OR_RAISE(s, delegate(sleep(w.loop, 0)));
    f->cancel();
    Outcome r = co_await Ref<Future>(f);
    if (!raised_cancelled(r)) co_return r;
    w.print("f cancelled: " + py(f->cancelled()));
    waiter->set_result(Value::none());
    AWAIT_OR_RAISE(rt_, Ref<Future>(t));
    w.print("t done: " + py(t->done()));
    co_return ok_none();
}

// ---- wait_errors.py ------------------------------------------------------------------
Native noop() { co_return Outcome::ok(Value::integer(0)); }

Native wait_errors(World& w) {
    Outcome e1 = co_await delegate(wait(w.loop, std::vector<Value>()));
    if (!raised(e1, exc_types().ValueError)) co_return e1;
    w.print("ValueError: " + str(e1.exc->args[0]));
    Ref<Coroutine> coro = native(noop(), "noop");
    std::vector<Value> fs{Value(coro)};
    Outcome e2 = co_await delegate(wait(w.loop, fs));
    if (!raised(e2, exc_types().TypeError)) co_return e2;
    w.print("TypeError: " + str(e2.exc->args[0]));
    AWAIT_OR_RAISE(c, delegate(coro));
    Ref<Task> t = create_task(w.loop, native(noop(), "noop"));
    std::vector<Value> dup{Value(t), Value(t)};
    AWAIT_OR_RAISE(r, delegate(wait(w.loop, dup)));
    DonePending dp = split(r.value);
    w.print("duplicates: " + std::to_string(dp.done.size()) + " " + std::to_string(dp.pending.size()));
    co_return ok_none();
}

}  // namespace

TEST_SUITE("wait") {

TEST_CASE("FIRST_COMPLETED returns on the first done future and cancels nothing") {
    check_scenario(kDir, "wait_first_completed", kAllVersions, wait_first_completed);
}

TEST_CASE("FIRST_EXCEPTION returns on a failure, not on a cancellation; without one it waits for all") {
    check_scenario(kDir, "wait_first_exception", kAllVersions, wait_first_exception);
}

TEST_CASE("a timeout returns (done, pending) without raising or cancelling") {
    check_scenario(kDir, "wait_timeout", kAllVersions, wait_timeout);
}

TEST_CASE("cancelling a task that awaits wait() cancels only wait's own waiter") {
    check_scenario(kDir, "wait_cancelled", kAllVersions, wait_cancelled);
}

TEST_CASE("an empty set and a coroutine are refused when awaited; a repeated future counts once") {
    check_scenario(kDir, "wait_errors", kAllVersions, wait_errors);
}

TEST_CASE("done and pending keep the order of first appearance in fs") {
    World w;
    Ref<Future> a(new Future(&w.loop)), b(new Future(&w.loop)), c(new Future(&w.loop));
    b->set_result(Value::none());
    c->set_result(Value::none());
    Ref<Task> t = create_task(w.loop, wait(w.loop, {Value(c), Value(a), Value(b), Value(c)}, 1.0));
    while (!t->done() && w.loop.run_once_virtual()) {
    }
    REQUIRE(t->done());
    DonePending dp = split(t->result().value);
    REQUIRE(dp.done.size() == 2);
    CHECK(dp.done[0].as_obj() == c.get());
    CHECK(dp.done[1].as_obj() == b.get());
    REQUIRE(dp.pending.size() == 1);
    CHECK(dp.pending[0].as_obj() == a.get());
    CHECK(a->callback_count() == 0);  // the finally removed _on_completion
}

}
