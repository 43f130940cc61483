// The shared trace examples (../shared/trace-examples: timeout_vs_cancel, taskgroup_failure)
// written as C++ coroutine scenarios and run in every version mode; their traces must
// equal CPython's .3.11/.3.12/.3.13 files on the contract fields (3.14 mode: the 3.13
// file, as no 3.14 change touches these scenarios). The files are read at test time.
#include <doctest/doctest.h>

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

// ---- timeout_vs_cancel.py

Native tvc_child(World& w) {
    Outcome o = co_await delegate(sleep(w.loop, 10));
    if (!o.ok() && o.exc->is_instance(E().CancelledError)) {
        w.print("child cancelled, cancelling = " + num(w.loop.current_task()->cancelling()));
    }
    co_return o;
}

Native tvc_timeout_body(World& w) { co_return co_await delegate(sleep(w.loop, 1)); }

Native tvc_main(World& w) {
    Ref<Task> t = create_task(w.loop, native(tvc_child(w), "child"));
    Outcome o = co_await delegate(sleep(w.loop, 0));
    if (!o.ok()) co_return o;
    t->cancel(make_str("first"));
    t->cancel(make_str("second"));
    w.print(num(t->cancelling()));
    // try: async with asyncio.timeout(0.5): await asyncio.sleep(1)
    // except TimeoutError: print(...)
    o = co_await delegate(async_with(timeout(w.loop, 0.5), native(tvc_timeout_body(w), "main")));
    if (!o.ok()) {
        if (!o.exc->is_instance(E().TimeoutError)) co_return o;
        w.print("timed out; cancelling = " + num(w.loop.current_task()->cancelling()));
    }
    o = co_await Ref<Future>(t);
    if (!o.ok()) {
        if (!o.exc->is_instance(E().CancelledError)) co_return o;
        w.print(std::string("t cancelled: ") + (t->cancelled() ? "True" : "False"));
    }
    Task* me = w.loop.current_task();
    me->cancel();
    w.print("after self-cancel " + num(me->cancelling()));
    me->uncancel();
    o = co_await delegate(sleep(w.loop, 0));
    if (!o.ok()) co_return o;
    w.print("survived: " + num(me->cancelling()));
    co_return Outcome::ok(Value::none());
}

// ---- taskgroup_failure.py

Native tgf_fail(World& w, double delay) {
    Outcome o = co_await delegate(sleep(w.loop, delay));
    if (!o.ok()) co_return o;
    co_return Outcome::raise(make_exception(E().ValueError, "boom"));
}

Native tgf_slow(World& w, std::string name) {
    Outcome o = co_await delegate(sleep(w.loop, 10));
    if (!o.ok() && o.exc->is_instance(E().CancelledError)) w.print(name + " cancelled by group");
    co_return o;
}

Native tgf_body(World& w, Ref<TaskGroup> tg) {
    tg->create_task(native(tgf_slow(w, "s1"), "slow"));
    tg->create_task(native(tgf_fail(w, 0.5), "fail"));
    tg->create_task(native(tgf_slow(w, "s2"), "slow"));
    co_return co_await delegate(sleep(w.loop, 1));
}

Native tgf_main(World& w) {
    Ref<TaskGroup> tg = make_task_group(w.loop);
    Outcome o = co_await delegate(async_with(tg, native(tgf_body(w, tg), "main")));
    if (!o.ok()) {
        // except* ValueError as eg: every member here is a ValueError.
        if (!o.exc->is_instance(E().BaseExceptionGroup)) co_return o;
        for (auto& m : o.exc->group_members) {
            if (!m->is_instance(E().ValueError)) co_return o;
        }
        w.print("ExceptionGroup of " + num(static_cast<int>(o.exc->group_members.size())));
    }
    w.print("parent cancelling " + num(w.loop.current_task()->cancelling()));
    co_return Outcome::ok(Value::none());
}

// ../shared/trace-examples/<name>.<3.1x>.jsonl in contract form; 3.14 mode uses 3.13's.
std::vector<std::string> shared_example(const std::string& name, PyVersion v) {
    std::string ver = version_name(v == PyVersion::V3_14 ? PyVersion::V3_13 : v);
    auto dir = tl::test::shared_dir();
    auto path = dir / "trace-examples" / (name + "." + ver + ".jsonl");
    auto lines = tl::test::read_lines(path);
    if (!lines) {
        FAIL_CHECK("shared trace example not found: " << path.string()
                   << " (shared/ must sit beside the repository, or set TASKLENS_SHARED)");
        return {};
    }
    return tl::test::contract_view(*lines);
}

}  // namespace

TEST_SUITE("trace_examples") {

TEST_CASE("timeout_vs_cancel equals CPython's trace in every version") {
    for (PyVersion v : tl::test::kAllVersions) {
        CAPTURE(version_name(v));
        World w(v);
        RunResult r = w.run(native(tvc_main(w), "main"));
        CHECK(r.status == (v >= PyVersion::V3_13 ? DoneState::Finished : DoneState::Cancelled));
        CHECK_TRACE(tl::test::contract_view(w.rec.lines), shared_example("timeout_vs_cancel", v));
    }
}

TEST_CASE("taskgroup_failure equals CPython's trace in every version") {
    for (PyVersion v : tl::test::kAllVersions) {
        CAPTURE(version_name(v));
        World w(v);
        RunResult r = w.run(native(tgf_main(w), "main"));
        CHECK(r.status == DoneState::Finished);
        CHECK_TRACE(tl::test::contract_view(w.rec.lines), shared_example("taskgroup_failure", v));
    }
}

}
