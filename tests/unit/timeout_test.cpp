// asyncio.timeout / timeout_at (daemon/runtime/timeout.h) in every version: ports of the
// cancellation, nesting, reschedule, expiry and error cases of CPython's test_timeouts.py
// as C++ coroutine scenarios. Each mirrors tests/scenarios/runtime/timeout/NAME.py; the
// expected traces are NAME.3.1x.jsonl, the reference tracer's output for that file under
// CPython 3.11.7, 3.12.1, 3.13.0 and 3.14 (pyodide), compared on the contract fields.
#include <doctest/doctest.h>

#include <memory>

#include "daemon/object/float_repr.h"
#include "daemon/object/str.h"
#include "daemon/runtime/async_with.h"
#include "daemon/runtime/task_group.h"
#include "daemon/runtime/timeout.h"
#include "tests/unit/cpython_reference.h"

using namespace tl;
using namespace tl::rt;
using tl::test::World;

namespace {

const ExceptionTypes& E() { return exc_types(); }
std::string num(int n) { return std::to_string(n); }
std::string py(bool b) { return b ? "True" : "False"; }
std::string py(std::optional<double> d) { return d ? float_repr(*d) : "None"; }
bool raised(const Outcome& o, const Type* t) { return !o.ok() && o.exc->is_instance(t); }
int cancelling(World& w) { return w.loop.current_task()->cancelling(); }
std::string message(const Outcome& o) {
    const std::string* s = o.exc ? o.exc->message_str() : nullptr;
    return s ? *s : "";
}

// Runs `make_main(w)` as the main task in every version and compares with CPython.
template <class F>
void check_scenario(const std::string& scenario, F make_main) {
    for (PyVersion v : tl::test::kAllVersions) {
        CAPTURE(version_name(v));
        World w(v);
        RunResult r = w.run(make_main(w));
        CHECK(r.error.empty());
        CHECK_REFERENCE(w, "timeout/" + scenario, v);
    }
}

// ---- basic.py

Native basic_main(World& w) {
    Ref<Timeout> cm = timeout(w.loop, 0.01);
    Outcome o = co_await delegate(async_with(cm, sleep(w.loop, 10)));
    if (!raised(o, E().TimeoutError)) co_return o;
    w.print("TimeoutError; expired " + py(cm->expired()) + " cancelling " + num(cancelling(w)));
    double deadline = w.loop.time() + 0.01;
    Ref<Timeout> cm2 = timeout_at(w.loop, deadline);
    o = co_await delegate(async_with(cm2, sleep(w.loop, 10)));
    if (!raised(o, E().TimeoutError)) co_return o;
    w.print("TimeoutError; expired " + py(cm2->expired()) + " when " + py(cm2->when() == deadline));
    co_return Outcome::ok(Value::none());
}

// ---- nested_same_deadline.py

Native nested_inner(World& w, Ref<Timeout> cm2) {
    Outcome o = co_await delegate(async_with(cm2, sleep(w.loop, 10)));
    if (raised(o, E().CancelledError)) w.print("inner block saw CancelledError");
    co_return o;
}

Native nested_main(World& w) {
    double deadline = w.loop.time() + 0.01;
    Ref<Timeout> cm1 = timeout_at(w.loop, deadline);
    // cm2 is created when the outer block runs, after cm1.
    Ref<Timeout> cm2;
    struct Body {
        static Native run(World& w, Ref<Timeout>* cm2, double deadline) {
            *cm2 = timeout_at(w.loop, deadline);
            co_return co_await delegate(native(nested_inner(w, *cm2), "main"));
        }
    };
    Outcome o = co_await delegate(async_with(cm1, native(Body::run(w, &cm2, deadline), "main")));
    if (!raised(o, E().TimeoutError)) co_return o;
    w.print("outer TimeoutError " + py(cm1->expired()) + " " + py(cm2->expired()));
    co_return Outcome::ok(Value::none());
}

// ---- disabled.py

Native disabled_main(World& w) {
    Ref<Timeout> cm = timeout(w.loop, 10);
    Outcome o = co_await delegate(async_with(cm, sleep(w.loop, 0.01)));
    if (!o.ok()) co_return o;
    w.print("far deadline: expired " + py(cm->expired()) + " when " + py(cm->when()));
    cm = timeout(w.loop, std::nullopt);
    o = co_await delegate(async_with(cm, sleep(w.loop, 0.01)));
    if (!o.ok()) co_return o;
    w.print("timeout(None): expired " + py(cm->expired()) + " when " + py(cm->when()));
    cm = timeout_at(w.loop, std::nullopt);
    o = co_await delegate(async_with(cm, sleep(w.loop, 0.01)));
    if (!o.ok()) co_return o;
    w.print("timeout_at(None): expired " + py(cm->expired()) + " when " + py(cm->when()));
    co_return Outcome::ok(Value::none());
}

// ---- zero_and_past.py

Native zero_main(World& w) {
    const std::pair<int, int> cases[] = {{0, 10}, {0, 0}, {-11, 0}};
    for (auto [delay, nap] : cases) {
        Ref<Timeout> cm = timeout(w.loop, delay);
        Outcome o = co_await delegate(async_with(cm, sleep(w.loop, nap)));
        if (!raised(o, E().TimeoutError)) co_return o;
        w.print("delay " + num(delay) + " sleep " + num(nap) + " -> TimeoutError, expired " + py(cm->expired()));
    }
    co_return Outcome::ok(Value::none());
}

// ---- foreign_exception.py

Native raise_key_error() { co_return Outcome::raise(make_exception(E().KeyError)); }

Native self_cancel_then_sleep(World& w) {
    w.loop.current_task()->cancel();
    co_return co_await delegate(sleep(w.loop, 10));
}

Native foreign_main(World& w) {
    Ref<Timeout> cm = timeout(w.loop, 0.01);
    Outcome o = co_await delegate(async_with(cm, native(raise_key_error(), "main")));
    if (!raised(o, E().KeyError)) co_return o;
    w.print("KeyError passed, expired " + py(cm->expired()));
    cm = timeout(w.loop, 10);
    o = co_await delegate(async_with(cm, native(self_cancel_then_sleep(w), "main")));
    if (!raised(o, E().CancelledError)) co_return o;
    w.print("CancelledError passed, expired " + py(cm->expired()));
    w.loop.current_task()->uncancel();
    co_return Outcome::ok(Value::none());
}

// ---- foreign_exception_on_timeout.py

Native crash(World& w) {
    Outcome o = co_await delegate(sleep(w.loop, 1));
    // finally: 1 / 0 -- raised while the CancelledError is handled, so chained to it.
    ExcRef z = make_exception(E().ZeroDivisionError, "division by zero");
    if (!o.ok()) z->context = o.exc;
    co_return Outcome::raise(z);
}

std::string context_chain(const ExcRef& e) {
    std::string out;
    for (ExceptionObject* c = e->context.get(); c; c = c->context.get()) {
        if (!out.empty()) out += " <- ";
        out += c->type_name();
    }
    return out.empty() ? "-" : out;
}

Native foreign_on_timeout_main(World& w) {
    Outcome o = co_await delegate(async_with(timeout(w.loop, 0.01), native(crash(w), "crash")));
    if (!raised(o, E().ZeroDivisionError)) co_return o;
    w.print("ZeroDivisionError, context chain: " + context_chain(o.exc));
    const ExcRef& cause = o.exc->context->cause;
    w.print("cause of first: " + (cause ? cause->type_name() : std::string("NoneType")));
    co_return Outcome::ok(Value::none());
}

// ---- cancelled_subclass.py

Type* my_cancelled_type() {
    static Type* t = [] {
        auto* ty = new Type("MyCancelled", {exc_types().CancelledError}, Layout::Exception);
        ty->module = "__main__";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

Native raise_subclass_on_cancel(World& w) {
    Outcome o = co_await delegate(sleep(w.loop, 1));
    if (raised(o, E().CancelledError)) {
        ExcRef mine = make_exception(my_cancelled_type());
        mine->context = o.exc;
        co_return Outcome::raise(mine);
    }
    co_return o;
}

Native cancelled_subclass_main(World& w) {
    Outcome o = co_await delegate(async_with(timeout(w.loop, 0.01), native(raise_subclass_on_cancel(w), "main")));
    if (raised(o, E().TimeoutError)) {
        w.print("TimeoutError from " + o.exc->cause->type_name());
    } else if (raised(o, my_cancelled_type())) {
        w.print("MyCancelled passed; cancelling " + num(cancelling(w)));
    } else {
        co_return o;
    }
    co_return Outcome::ok(Value::none());
}

// ---- reschedule.py

Native reschedule_f(World& w, Ref<Future> fut, Ref<Timeout>* out) {
    Ref<Timeout> cm = timeout_at(w.loop, w.loop.time() + 10);
    *out = cm;
    struct Body {
        static Native run(World& w, Ref<Future> fut, Ref<Timeout> cm) {
            fut->set_result(Value(cm));
            co_return co_await delegate(sleep(w.loop, 50));
        }
    };
    co_return co_await delegate(async_with(cm, native(Body::run(w, fut, cm), "main.<locals>.f")));
}

Native reschedule_past_body(World& w, Ref<Timeout> cm) {
    Outcome o = co_await delegate(sleep(w.loop, 1));
    if (!o.ok()) co_return o;
    o = cm->reschedule(w.loop.time() - 1);
    if (!o.ok()) co_return o;
    co_return co_await delegate(sleep(w.loop, 1));
}

Native reschedule_expiring_body(World& w, Ref<Timeout> cm) {
    Outcome o = co_await delegate(sleep(w.loop, 1));
    if (raised(o, E().CancelledError)) {
        Outcome r = cm->reschedule(5);
        if (raised(r, E().RuntimeError)) w.print("RuntimeError: " + message(r));
        co_return Outcome::ok(Value::none());
    }
    co_return o;
}

Native reschedule_main(World& w) {
    Ref<Future> fut(new Future(&w.loop));
    Ref<Timeout> cm;
    Ref<Task> task = create_task(w.loop, native(reschedule_f(w, fut, &cm), "main.<locals>.f"));
    Outcome o = co_await fut;
    if (!o.ok()) co_return o;
    CHECK(o.value.as_obj() == cm.get());
    CHECK(cm->reschedule(30.0).ok());
    w.print("when " + py(cm->when()));
    CHECK(cm->reschedule(std::nullopt).ok());
    w.print("when " + py(cm->when()));
    task->cancel();
    o = co_await Ref<Future>(task);
    if (!raised(o, E().CancelledError)) co_return o;
    w.print("task cancelled; expired " + py(cm->expired()));
    Outcome r = cm->reschedule(1);
    if (raised(r, E().RuntimeError)) w.print("RuntimeError: " + message(r));
    Ref<Timeout> fresh = timeout(w.loop, 1);
    r = fresh->reschedule(1);
    if (raised(r, E().RuntimeError)) w.print("RuntimeError: " + message(r));
    cm = timeout(w.loop, 10);
    o = co_await delegate(async_with(cm, native(reschedule_past_body(w, cm), "main")));
    if (!raised(o, E().TimeoutError)) co_return o;
    w.print("rescheduled into the past: TimeoutError");
    r = cm->reschedule(1);
    if (raised(r, E().RuntimeError)) w.print("RuntimeError: " + message(r));
    cm = timeout(w.loop, 0.5);
    o = co_await delegate(async_with(cm, native(reschedule_expiring_body(w, cm), "main")));
    co_return o;
}

// ---- after_cancellation.py

Native after_cancellation_main(World& w) {
    w.loop.current_task()->cancel();
    Outcome o = co_await delegate(sleep(w.loop, 1));
    if (!raised(o, E().CancelledError)) co_return o;  // except CancelledError: pass
    o = co_await delegate(async_with(timeout(w.loop, 0.0), sleep(w.loop, 1)));
    if (!raised(o, E().TimeoutError)) co_return o;
    w.print("TimeoutError; cancelling " + num(cancelling(w)));
    struct Body {
        static Native run(World& w) {
            w.loop.current_task()->cancel();
            co_return co_await delegate(sleep(w.loop, 2));
        }
    };
    o = co_await delegate(async_with(timeout(w.loop, 1.0), native(Body::run(w), "main")));
    if (!raised(o, E().CancelledError)) co_return o;
    w.print("CancelledError; cancelling " + num(cancelling(w)));
    co_return Outcome::ok(Value::none());
}

// ---- expire_and_outer_cancel.py

Native outer_cancel_worker(World& w) {
    Outcome o = co_await delegate(async_with(timeout(w.loop, 1), sleep(w.loop, 5)));
    if (raised(o, E().TimeoutError)) {
        w.print("worker: TimeoutError");
        co_return Outcome::ok(Value::none());
    }
    if (raised(o, E().CancelledError)) w.print("worker: CancelledError, cancelling " + num(cancelling(w)));
    co_return o;
}

Native outer_cancel_main(World& w) {
    Ref<Task> t = create_task(w.loop, native(outer_cancel_worker(w), "worker"));
    Outcome o = co_await delegate(sleep(w.loop, 1));
    if (!o.ok()) co_return o;
    t->cancel();
    o = co_await Ref<Future>(t);
    if (!raised(o, E().CancelledError)) co_return o;
    w.print("worker cancelled: " + py(t->cancelled()));
    co_return Outcome::ok(Value::none());
}

// ---- with_taskgroup.py

Native tg_child_crash_in_finally(World& w) {
    Outcome o = co_await delegate(sleep(w.loop, 2));
    ExcRef z = make_exception(E().ZeroDivisionError, "division by zero");
    if (!o.ok()) z->context = o.exc;  // finally: 1 / 0 while the CancelledError is handled
    co_return Outcome::raise(z);
}

Native tg_body_value_error_then_sleep(World& w, Ref<TaskGroup> tg) {
    tg->create_task(native(tg_child_crash_in_finally(w), "task"));
    ExcRef value_error = make_exception(E().ValueError);
    // try: raise ValueError  finally: await asyncio.sleep(1)
    Outcome o = co_await delegate(sleep(w.loop, 1));
    if (!o.ok()) {
        o.exc->context = value_error;  // thrown into the `finally` while ValueError is handled
        co_return o;
    }
    co_return Outcome::raise(value_error);
}

Native timeout_around_group(World& w) {
    Ref<TaskGroup> tg = make_task_group(w.loop);
    co_return co_await delegate(async_with(tg, native(tg_body_value_error_then_sleep(w, tg), "main")));
}

Native with_taskgroup_main(World& w) {
    Outcome o = co_await delegate(async_with(timeout(w.loop, 0.01), native(timeout_around_group(w), "main")));
    if (!raised(o, E().ExceptionGroup)) co_return o;
    w.print("group context: " + context_chain(o.exc));
    std::string members = "[";
    for (auto& m : o.exc->group_members) {
        if (members.size() > 1) members += ", ";
        members += "'" + m->type_name() + "'";
    }
    w.print("members: " + members + "]");
    w.print("member context: " + context_chain(o.exc->group_members.at(0)));
    co_return Outcome::ok(Value::none());
}

// ---- enter_errors.py

Native enter_twice_body(World& w, Ref<Timeout> cm) {
    Outcome o = co_await delegate(async_with(cm, sleep(w.loop, 0)));
    if (raised(o, E().RuntimeError)) {
        w.print("RuntimeError: " + message(o));
        co_return Outcome::ok(Value::none());
    }
    co_return o;
}

Native enter_errors_main(World& w) {
    Ref<Timeout> cm = timeout(w.loop, 0.01);
    Outcome o = co_await delegate(async_with(cm, native(enter_twice_body(w, cm), "main")));
    if (!o.ok()) co_return o;
    o = co_await delegate(async_with(cm, sleep(w.loop, 0)));
    if (!raised(o, E().RuntimeError)) co_return o;
    w.print("RuntimeError: " + message(o));
    cm = timeout(w.loop, 0.01);
    // __aenter__ driven from a plain loop callback: no current task.
    auto err = std::make_shared<Outcome>();
    w.loop.call_soon_fn([cm, err]() {
        StepResult s = cm->aenter()->send(Value::none());
        if (s.kind == StepResult::Kind::Raise) *err = Outcome::raise(s.exc);
    });
    o = co_await delegate(sleep(w.loop, 0));
    if (!o.ok()) co_return o;
    if (err->exc) w.print(err->exc->type_name() + ": " + message(*err));
    Outcome r = cm->reschedule(0.02);
    if (raised(r, E().RuntimeError)) w.print("RuntimeError: " + message(r));
    co_return Outcome::ok(Value::none());
}

}  // namespace

TEST_SUITE("timeout") {

TEST_CASE("timeout and timeout_at expire into TimeoutError (test_timeout_basic, _at_basic)") {
    check_scenario("basic", [](World& w) { return native(basic_main(w), "main"); });
}

TEST_CASE("nested timeouts with one deadline: only the outermost converts (test_nested_timeouts)") {
    check_scenario("nested_same_deadline", [](World& w) { return native(nested_main(w), "main"); });
}

TEST_CASE("a far or absent deadline never fires (test_timeout_not_called, _disabled, _at_disabled)") {
    check_scenario("disabled", [](World& w) { return native(disabled_main(w), "main"); });
}

TEST_CASE("a deadline at or before now fires through call_soon (test_timeout_zero, _in_the_past)") {
    check_scenario("zero_and_past", [](World& w) { return native(zero_main(w), "main"); });
}

TEST_CASE("a body's own exception or cancel passes unchanged before expiry (test_foreign_*)") {
    check_scenario("foreign_exception", [](World& w) { return native(foreign_main(w), "main"); });
}

TEST_CASE("an error raised during the timeout's cancellation: 3.13+ chain a TimeoutError into it") {
    check_scenario("foreign_exception_on_timeout", [](World& w) { return native(foreign_on_timeout_main(w), "main"); });
    // The rule itself, per version: the context of the ZeroDivisionError.
    for (PyVersion v : tl::test::kAllVersions) {
        CAPTURE(version_name(v));
        World w(v);
        w.run(native(foreign_on_timeout_main(w), "main"));
        REQUIRE(w.rec.prints.size() == 2);
        CHECK(w.rec.prints[0] == (Semantics{v}.timeout_converts_subclasses()
                                      ? "ZeroDivisionError, context chain: TimeoutError <- CancelledError"
                                      : "ZeroDivisionError, context chain: CancelledError"));
    }
}

TEST_CASE("a CancelledError subclass: 3.11/3.12 let it pass, 3.13+ convert it") {
    check_scenario("cancelled_subclass", [](World& w) { return native(cancelled_subclass_main(w), "main"); });
}

TEST_CASE("reschedule moves, clears and re-arms the deadline; RuntimeError outside 'active' (test_reschedule)") {
    check_scenario("reschedule", [](World& w) { return native(reschedule_main(w), "main"); });
}

TEST_CASE("the cancelling() level is recorded at entry (test_timeout_after_cancellation, test_cancel_in_...)") {
    check_scenario("after_cancellation", [](World& w) { return native(after_cancellation_main(w), "main"); });
}

TEST_CASE("expiry and an outer cancel in one pass: CancelledError leaves, the outer cancel is kept") {
    check_scenario("expire_and_outer_cancel", [](World& w) { return native(outer_cancel_main(w), "main"); });
}

TEST_CASE("a TaskGroup's ExceptionGroup through an expired timeout: 3.13+ chain TimeoutError into each member (test_timeout_taskgroup)") {
    check_scenario("with_taskgroup", [](World& w) { return native(with_taskgroup_main(w), "main"); });
}

TEST_CASE("__aenter__ refuses re-entry and use outside a task (test_timeout_already_entered, _double_enter, _without_task)") {
    check_scenario("enter_errors", [](World& w) { return native(enter_errors_main(w), "main"); });
}

TEST_CASE("repr and state names follow timeouts._State") {
    World w;
    Ref<Timeout> cm = timeout_at(w.loop, 1.23456);
    CHECK(cm->repr() == "<Timeout [created]>");
    CHECK(cm->label() == "Timeout-1");
    CHECK(timeout(w.loop, 1)->label() == "Timeout-2");
    struct Body {
        static Native run(World& w, Ref<Timeout> cm) {
            CHECK(cm->repr() == "<Timeout [active] when=1.235>");
            CHECK(w.loop.current_task()->scopes().size() == 1);
            CHECK(cm->task() == w.loop.current_task());
            co_return Outcome::ok(Value::none());
        }
    };
    w.run(async_with(cm, native(Body::run(w, cm), "main")));
    CHECK(cm->repr() == "<Timeout [finished]>");
    CHECK(std::string(cm->state_name()) == "finished");
}

}
