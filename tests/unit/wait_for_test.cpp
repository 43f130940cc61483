// tasks.wait_for in both designs: 3.11's waiter/timer/_cancel_and_wait and 3.12+'s
// `async with timeout()`. C++ ports of tests/scenarios/runtime/wait_for/*.py (test_waitfor.py
// of 3.11 and 3.13), each checked against CPython's trace of the .py under 3.11.7, 3.12.1,
// 3.13.0 and 3.14 (pyodide), recorded in the .jsonl files beside it.
#include <doctest/doctest.h>

#include "daemon/runtime/combinators.h"
#include "tests/unit/scenario_support.h"

using namespace tl;
using namespace tl::rt;
using namespace tl::test;

namespace {

const char* kDir = "wait_for";

Ref<Future> must_future(const Outcome& o) {
    REQUIRE(o.ok());
    return future_of(o.value);
}
const char* context_name(const Outcome& o) {
    return o.exc && o.exc->context ? o.exc->context->type_name().c_str() : "NoneType";
}
Type* foo_exception_type() {
    static Type* t = [] {
        auto* ty = new Type("FooException", {exc_types().Exception}, Layout::Exception);
        ty->module = "__main__";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

// ---- wait_for_timeout_cancels_task.py (test_wait_for) --------------------------------
Native wtc_foo(World& w) {
    Outcome s = co_await delegate(sleep(w.loop, 10));
    w.print("foo finally");
    if (!s.ok()) co_return s;
    co_return Outcome::ok(make_str("done"));
}

Native wait_for_timeout_cancels_task(World& w) {
    Ref<Task> fut = create_task(w.loop, native(wtc_foo(w), "foo"));
    Outcome r = co_await delegate(wait_for(w.loop, Value(fut), 0.1));
    if (!raised(r, exc_types().TimeoutError)) co_return r;
    w.print(std::string("TimeoutError; context: ") + context_name(r));
    w.print("fut cancelled: " + py(fut->cancelled()));
    co_return ok_none();
}

// ---- wait_for_zero_timeout.py --------------------------------------------------------
Native wzt_foo(World& w, std::string tag) {
    w.print("foo " + tag + " started");
    Outcome s = co_await delegate(sleep(w.loop, 10));
    w.print("foo " + tag + " finally");
    if (!s.ok()) co_return s;
    co_return Outcome::ok(make_str("done"));
}

Native wait_for_zero_timeout(World& w) {
    Ref<Future> fut(new Future(&w.loop));
    fut->set_result(make_str("done"));
    AWAIT_OR_RAISE(r, delegate(wait_for(w.loop, Value(fut), 0)));
    w.print("done future: " + str(r.value));
    // Cancelled before its first step: py_coro keeps CPython's "the body never runs".
    Outcome r2 = co_await delegate(wait_for(w.loop, Value(py_coro(wzt_foo(w, "coro"), "foo")), 0));
    if (!raised(r2, exc_types().TimeoutError)) co_return r2;
    w.print("TimeoutError for a coroutine");
    for (int timeout : {0, -1}) {
        Ref<Task> t = create_task(w.loop, native(wzt_foo(w, std::to_string(timeout)), "foo"));
        AWAIT_OR_RAISE(s, delegate(sleep(w.loop, 0)));
        Outcome r3 = co_await delegate(wait_for(w.loop, Value(t), timeout));
        if (!raised(r3, exc_types().TimeoutError)) co_return r3;
        w.print("TimeoutError for a started task; cancelled: " + py(t->cancelled()));
    }
    co_return ok_none();
}

// ---- wait_for_cancel_suppressed.py ---------------------------------------------------
Native wcs_inner(World& w) {
    Outcome s = co_await delegate(sleep(w.loop, 1));
    if (raised_cancelled(s)) {
        w.print("inner caught the cancel");
    } else if (!s.ok()) {
        co_return s;
    }
    co_return Outcome::ok(Value::integer(1));
}

Native return_42(World& w) {
    Outcome s = co_await delegate(sleep(w.loop, 10));
    if (raised_cancelled(s)) co_return Outcome::ok(Value::integer(42));
    if (!s.ok()) co_return s;
    co_return ok_none();
}

Native wait_for_cancel_suppressed(World& w) {
    AWAIT_OR_RAISE(r, delegate(wait_for(w.loop, Value(native(wcs_inner(w), "inner")), 0.01)));
    w.print("inner: " + repr(r.value));
    AWAIT_OR_RAISE(r2, delegate(wait_for(w.loop, Value(native(return_42(w), "return_42")), 0.1)));
    w.print("return_42: " + repr(r2.value));
    co_return ok_none();
}

// ---- wait_for_slow_cancel.py ---------------------------------------------------------
Native slow_to_cancel(World& w, std::string tag) {
    Outcome s = co_await delegate(sleep(w.loop, 10));
    Outcome result = s.ok() ? ok_none() : s;
    if (raised_cancelled(s)) {
        Outcome s2 = co_await delegate(sleep(w.loop, 0.5));
        if (!s2.ok()) result = s2;  // else the bare `raise` re-raises s
    }
    w.print(tag + " done");  // finally
    co_return result;
}

Native raises_on_cancel(World& w) {
    Outcome s = co_await delegate(sleep(w.loop, 0.2));
    ExcRef foo = make_exception(foo_exception_type());
    foo->context = s.exc;  // raised in the finally while s is propagating
    co_return Outcome::raise(foo);
}

Native wait_for_slow_cancel(World& w) {
    Ref<Task> t = create_task(w.loop, native(slow_to_cancel(w, "first"), "slow_to_cancel"));
    Outcome r = co_await delegate(wait_for(w.loop, Value(t), 0.25));
    if (!raised(r, exc_types().TimeoutError)) co_return r;
    w.print(std::string("TimeoutError, context ") + context_name(r));
    Ref<Task> t2 = create_task(w.loop, native(slow_to_cancel(w, "second"), "slow_to_cancel"));
    AWAIT_OR_RAISE(s, delegate(sleep(w.loop, 0.25)));
    Outcome r2 = co_await delegate(wait_for(w.loop, Value(t2), 0));
    if (!raised(r2, exc_types().TimeoutError)) co_return r2;
    w.print(std::string("TimeoutError at 0, context ") + context_name(r2));
    Ref<Task> t3 = create_task(w.loop, native(raises_on_cancel(w), "raises_on_cancel"));
    Outcome r3 = co_await delegate(wait_for(w.loop, Value(t3), 0.1));
    if (!raised(r3, foo_exception_type())) co_return r3;
    w.print("FooException propagated");
    co_return ok_none();
}

// ---- wait_for_self_cancellation.py ---------------------------------------------------
Native wsc_inner(World& w) {
    Outcome s = co_await delegate(sleep(w.loop, 0.3));
    if (raised_cancelled(s)) {
        w.print("inner: first cancel");
        Outcome s2 = co_await delegate(sleep(w.loop, 0.3));
        if (raised_cancelled(s2)) {
            w.print("inner: second cancel");
            AWAIT_OR_RAISE(s3, delegate(sleep(w.loop, 0.3)));
        } else if (!s2.ok()) {
            co_return s2;
        }
    } else if (!s.ok()) {
        co_return s;
    }
    co_return Outcome::ok(Value::integer(42));
}

Native wait_for_self_cancellation(World& w) {
    Ref<Task> inner_task = create_task(w.loop, native(wsc_inner(w), "inner"));
    Ref<Task> task = create_task(w.loop, wait_for(w.loop, Value(inner_task), 0.1));
    AWAIT_OR_RAISE(s, delegate(sleep(w.loop, 0.2)));
    task->cancel();
    Outcome r = co_await Ref<Future>(task);
    if (r.ok()) {
        w.print("task returned");
    } else if (raised_cancelled(r)) {
        w.print("task cancelled");
    } else if (raised(r, exc_types().TimeoutError)) {
        w.print("task raised TimeoutError");
    } else {
        co_return r;
    }
    AWAIT_OR_RAISE(ri, Ref<Future>(inner_task));
    w.print("inner: " + repr(ri.value));
    co_return ok_none();
}

// ---- wait_for_cancel_wait.py (_test_cancel_wait_for) ---------------------------------
Native blocking_coroutine(World& w) {
    Ref<Future> fut(new Future(&w.loop));
    AWAIT_OR_RAISE(r, fut);
    co_return ok_none();
}

Native wait_for_cancel_wait(World& w) {
    for (std::optional<double> timeout : {std::optional<double>(), std::optional<double>(60.0)}) {
        Ref<Task> task = create_task(w.loop, native(blocking_coroutine(w), "blocking_coroutine"));
        Ref<Task> wait = create_task(w.loop, wait_for(w.loop, Value(task), timeout));
        w.loop.call_soon_fn([wait]() { wait->cancel(); });
        Outcome r = co_await Ref<Future>(wait);
        if (!raised_cancelled(r)) co_return r;
        w.print("wait cancelled; task cancelled: " + py(task->cancelled()));
    }
    co_return ok_none();
}

// ---- wait_for_issue86296.py ----------------------------------------------------------
Native i86_inner() { co_return Outcome::ok(make_str("done")); }

Native wait_for_coro(World& w, Ref<Task> inner_task) {
    AWAIT_OR_RAISE(r, delegate(wait_for(w.loop, Value(inner_task), 100)));
    w.print("wait_for returned " + str(r.value));
    AWAIT_OR_RAISE(s, delegate(sleep(w.loop, 1)));
    w.print("reached end");
    co_return ok_none();
}

Native wait_for_issue86296(World& w) {
    Ref<Task> inner_task = create_task(w.loop, native(i86_inner(), "inner"));
    Ref<Task> task = create_task(w.loop, native(wait_for_coro(w, inner_task), "wait_for_coro"));
    AWAIT_OR_RAISE(s, delegate(sleep(w.loop, 0)));
    task->cancel();
    Outcome r = co_await Ref<Future>(task);
    if (r.ok()) {
        w.print("task finished");
    } else if (raised_cancelled(r)) {
        w.print("task cancelled");
    } else {
        co_return r;
    }
    AWAIT_OR_RAISE(ri, Ref<Future>(inner_task));
    w.print("inner: " + str(ri.value));
    co_return ok_none();
}

// ---- wait_for_shield.py (WaitForShieldTests) -----------------------------------------
Native ws_coro(World& w, double d) {
    AWAIT_OR_RAISE(s, delegate(sleep(w.loop, d)));
    co_return Outcome::ok(make_str("done"));
}

Native wait_for_shield(World& w) {
    Ref<Task> task = create_task(w.loop, native(ws_coro(w, 0.01), "coro"));
    Ref<Future> shielded = must_future(shield(w.loop, Value(task)));
    Outcome r = co_await delegate(wait_for(w.loop, Value(shielded), 0));
    if (!raised(r, exc_types().TimeoutError)) co_return r;
    w.print("zero: TimeoutError; task done: " + py(task->done()) + " shield cancelled: " + py(shielded->cancelled()));
    AWAIT_OR_RAISE(s, delegate(sleep(w.loop, 0.1)));
    w.print("task done later: " + py(task->done()));

    Ref<Task> task2 = create_task(w.loop, native(ws_coro(w, 0.1), "coro"));
    Ref<Future> shielded2 = must_future(shield(w.loop, Value(task2)));
    AWAIT_OR_RAISE(r2, delegate(wait_for(w.loop, Value(shielded2), std::nullopt)));
    w.print("none: " + str(r2.value));

    Ref<Task> task3 = create_task(w.loop, native(ws_coro(w, 0.1), "coro"));
    Ref<Future> shielded3 = must_future(shield(w.loop, Value(task3)));
    Outcome r3 = co_await delegate(wait_for(w.loop, Value(shielded3), 0.01));
    if (!raised(r3, exc_types().TimeoutError)) co_return r3;
    w.print("shielded: TimeoutError; task cancelled: " + py(task3->cancelled()));
    AWAIT_OR_RAISE(r4, Ref<Future>(task3));
    w.print("task3: " + str(r4.value));
    co_return ok_none();
}

// ---- wait_for_basics.py --------------------------------------------------------------
Native wb_coro() { co_return Outcome::ok(make_str("done")); }

Native wb_slow(World& w) {
    Outcome s = co_await delegate(sleep(w.loop, 1));
    w.print("slow exited");
    if (!s.ok()) co_return s;
    co_return ok_none();
}

Native wait_for_basics(World& w) {
    AWAIT_OR_RAISE(r, delegate(wait_for(w.loop, Value(native(wb_coro(), "coro")), std::nullopt)));
    w.print("blocking: " + str(r.value));
    Ref<Future> fut(new Future(&w.loop));
    w.loop.call_later_fn(0.1, [fut]() { fut->set_result(make_str("ok")); });
    AWAIT_OR_RAISE(r2, delegate(wait_for(w.loop, Value(fut), 0.2)));
    w.print("race: " + str(r2.value));
    Outcome r3 = co_await delegate(wait_for(w.loop, Value(native(wb_slow(w), "slow")), 0.5));
    if (!raised(r3, exc_types().TimeoutError)) co_return r3;
    w.print("slow timed out");
    co_return ok_none();
}

}  // namespace

TEST_SUITE("wait_for") {

TEST_CASE("on timeout the awaited task is cancelled and waited for, then TimeoutError from the CancelledError") {
    check_scenario(kDir, "wait_for_timeout_cancels_task", kAllVersions, wait_for_timeout_cancels_task);
}

TEST_CASE("timeout <= 0: a done future returns, a coroutine's task never starts, a started task is cancelled") {
    check_scenario(kDir, "wait_for_zero_timeout", kAllVersions, wait_for_zero_timeout);
}

TEST_CASE("an awaitable that swallows the timeout's cancel returns its value") {
    check_scenario(kDir, "wait_for_cancel_suppressed", kAllVersions, wait_for_cancel_suppressed);
}

TEST_CASE("wait_for waits for a slow cancellation; an exception raised while cancelling propagates") {
    check_scenario(kDir, "wait_for_slow_cancel", kAllVersions, wait_for_slow_cancel);
}

TEST_CASE("wait_for stays cancellable while the inner task holds up its cancellation") {
    check_scenario(kDir, "wait_for_self_cancellation", kAllVersions, wait_for_self_cancellation);
}

TEST_CASE("cancelling the task running wait_for cancels the awaited task (bpo-23219)") {
    check_scenario(kDir, "wait_for_cancel_wait", kAllVersions, wait_for_cancel_wait);
}

TEST_CASE("a cancel arriving once the inner task is done: swallowed in 3.11, propagated from 3.12 (gh-86296)") {
    check_scenario(kDir, "wait_for_issue86296", kAllVersions, wait_for_issue86296);
}

TEST_CASE("wait_for(shield(task)) cancels only the shield's outer future") {
    check_scenario(kDir, "wait_for_shield", kAllVersions, wait_for_shield);
}

TEST_CASE("timeout None awaits directly; an early result wins the race; a late coroutine is cancelled") {
    check_scenario(kDir, "wait_for_basics", kAllVersions, wait_for_basics);
}

}
