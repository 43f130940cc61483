// Task and Future rules (tasks.py _PyTask, futures.py _PyFuture) in every version.
#include <doctest/doctest.h>

#include "daemon/object/str.h"
#include "tests/unit/runtime_helpers.h"

using namespace tl;
using namespace tl::rt;
using tl::test::World;

namespace {

Native child(World& w) {
    Outcome o = co_await delegate(sleep(w.loop, 10));
    if (!o.ok()) {
        w.print("child cancelled, cancelling = " + std::to_string(w.loop.current_task()->cancelling()));
        co_return o;
    }
    co_return Outcome::ok(Value::none());
}

// The first half of ../shared/trace-examples/timeout_vs_cancel.py, and its self-cancel tail.
Native main_cancel_twice(World& w) {
    Ref<Task> t = create_task(w.loop, native(child(w), "child"));
    co_await delegate(sleep(w.loop, 0));
    t->cancel(make_str("first"));
    t->cancel(make_str("second"));
    w.print(std::to_string(t->cancelling()));
    Outcome o = co_await Ref<Future>(t);
    CHECK_FALSE(o.ok());
    w.print(std::string("t cancelled: ") + (t->cancelled() ? "True" : "False"));
    Task* me = w.loop.current_task();
    me->cancel();
    w.print("after self-cancel " + std::to_string(me->cancelling()));
    me->uncancel();
    Outcome s = co_await delegate(sleep(w.loop, 0));
    if (!s.ok()) co_return s;
    w.print("survived: " + std::to_string(me->cancelling()));
    co_return Outcome::ok(Value::none());
}

}  // namespace

TEST_SUITE("task") {

TEST_CASE("cancel twice, message of the first cancel is delivered; uncancel rescinds from 3.13") {
    for (PyVersion v : tl::test::kAllVersions) {
        CAPTURE(version_name(v));
        World w(v);
        RunResult r = w.run(native(main_cancel_twice(w), "main"));
        std::vector<std::string> expected = {
            R"({"seq": 1, "t": 0.0, "event": "task_created", "task": "Task-1", "coro": "main", "parent": null})",
            R"({"seq": 2, "t": 0.0, "event": "task_created", "task": "Task-2", "coro": "child", "parent": "Task-1"})",
            R"({"seq": 3, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": "first", "result": true, "cancelling": 1, "must_cancel": false})",
            R"({"seq": 4, "t": 0.0, "event": "cancel", "task": "Task-2", "by": "Task-1", "msg": "second", "result": true, "cancelling": 2, "must_cancel": true})",
            R"({"seq": 5, "t": 0.0, "event": "print", "text": "2"})",
            R"({"seq": 6, "t": 0.0, "event": "throw", "task": "Task-2", "exc": "CancelledError", "msg": "first"})",
            R"({"seq": 7, "t": 0.0, "event": "print", "text": "child cancelled, cancelling = 2"})",
            R"({"seq": 8, "t": 0.0, "event": "done", "task": "Task-2", "state": "cancelled", "exc": null})",
            R"({"seq": 9, "t": 0.0, "event": "throw", "task": "Task-1", "exc": "CancelledError", "msg": "first"})",
            R"({"seq": 10, "t": 0.0, "event": "print", "text": "t cancelled: True"})",
            R"({"seq": 11, "t": 0.0, "event": "cancel", "task": "Task-1", "by": "Task-1", "msg": null, "result": true, "cancelling": 1, "must_cancel": true})",
            R"({"seq": 12, "t": 0.0, "event": "print", "text": "after self-cancel 1"})",
        };
        if (v >= PyVersion::V3_13) {
            expected.push_back(R"({"seq": 13, "t": 0.0, "event": "uncancel", "task": "Task-1", "by": "Task-1", "cancelling": 0, "must_cancel": false, "rescinded": true})");
            expected.push_back(R"({"seq": 14, "t": 0.0, "event": "print", "text": "survived: 0"})");
            expected.push_back(R"({"seq": 15, "t": 0.0, "event": "done", "task": "Task-1", "state": "finished", "exc": null})");
            expected.push_back(R"({"seq": 16, "t": 0.0, "event": "exit", "status": "finished", "exc": null})");
            CHECK(r.status == DoneState::Finished);
        } else {
            expected.push_back(R"({"seq": 13, "t": 0.0, "event": "uncancel", "task": "Task-1", "by": "Task-1", "cancelling": 0, "must_cancel": true, "rescinded": false})");
            expected.push_back(R"({"seq": 14, "t": 0.0, "event": "throw", "task": "Task-1", "exc": "CancelledError", "msg": null})");
            expected.push_back(R"({"seq": 15, "t": 0.0, "event": "done", "task": "Task-1", "state": "cancelled", "exc": null})");
            expected.push_back(R"({"seq": 16, "t": 0.0, "event": "exit", "status": "cancelled", "exc": null})");
            CHECK(r.status == DoneState::Cancelled);
        }
        CHECK_TRACE(w.rec.lines, expected);
    }
}

}
