// The JSONL writer's per-event shortcuts (issue 8) keep the bytes exact: the seq counted in
// decimal text across digit carries, the task-name and scope-label escapes cached on the
// objects (and dropped by Task.set_name), the last-string caches for type names, and the
// runtime's block pool that the objects behind those events come from.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "daemon/object/exception.h"
#include "daemon/runtime/clock.h"
#include "daemon/runtime/event_loop.h"
#include "daemon/runtime/object_pool.h"
#include "daemon/runtime/task.h"
#include "daemon/trace/jsonl_writer.h"

using namespace tl;

namespace {

std::string line_of(const rt::Event& e, uint64_t seq) {
    std::string out;
    trace::append_event_json(out, e, seq, false);
    return out;
}

}  // namespace

TEST_SUITE("jsonl_writer") {
    TEST_CASE("JsonlWriter counts seq in text across every digit carry") {
        std::FILE* f = std::tmpfile();
        REQUIRE(f);
        {
            trace::JsonlWriter w(f, false);
            rt::Event e(rt::EventKind::Print);
            e.text = "x";
            for (int i = 0; i < 10001; ++i) w.on_event(e);
            CHECK(w.count() == 10001);
        }
        std::rewind(f);
        char buf[256];
        int n = 0;
        bool all_match = true;
        while (std::fgets(buf, sizeof buf, f)) {
            ++n;
            std::string want = "{\"seq\": " + std::to_string(n) + ", \"t\": 0.0, \"event\": \"print\", \"text\": \"x\"}\n";
            if (want != buf) {
                all_match = false;
                CAPTURE(n);
                CHECK(std::string(buf) == want);
                break;
            }
        }
        std::fclose(f);
        CHECK(all_match);
        CHECK(n == 10001);
    }

    TEST_CASE("a task's cached name follows set_name, escaped") {
        rt::VirtualClock clock;
        rt::EventLoop loop(clock, rt::Semantics{rt::kDefaultVersion});
        Ref<rt::Task> t(new rt::Task(&loop, nullptr, "Task-1"));
        rt::Event e(rt::EventKind::Uncancel);
        e.task = t.get();
        e.by = t.get();
        const std::string tail = ", \"cancelling\": 0, \"must_cancel\": false, \"rescinded\": false}";
        CHECK(line_of(e, 1) == "{\"seq\": 1, \"t\": 0.0, \"event\": \"uncancel\", \"task\": \"Task-1\", \"by\": \"Task-1\"" + tail);
        t->set_name("say \"hi\"\n");
        CHECK(line_of(e, 2) == "{\"seq\": 2, \"t\": 0.0, \"event\": \"uncancel\", \"task\": \"say \\\"hi\\\"\\n\", \"by\": \"say \\\"hi\\\"\\n\"" + tail);
        // A name longer than the 32-byte fast copy.
        std::string longname(70, 'n');
        t->set_name(longname);
        CHECK(line_of(e, 3) == "{\"seq\": 3, \"t\": 0.0, \"event\": \"uncancel\", \"task\": \"" + longname + "\", \"by\": \"" + longname + "\"" + tail);
        t->set_name("");
        CHECK(line_of(e, 4) == "{\"seq\": 4, \"t\": 0.0, \"event\": \"uncancel\", \"task\": \"\", \"by\": \"\"" + tail);
    }

    TEST_CASE("the type-name cache follows each change of type") {
        rt::VirtualClock clock;
        rt::EventLoop loop(clock, rt::Semantics{rt::kDefaultVersion});
        Ref<rt::Task> t(new rt::Task(&loop, nullptr, "Task-7"));
        rt::Event e(rt::EventKind::Throw);
        e.task = t.get();
        const char* names[] = {"CancelledError", "ValueError", "CancelledError", "TimeoutError", "TimeoutError"};
        Type* types[] = {exc_types().CancelledError, exc_types().ValueError, exc_types().CancelledError,
                         exc_types().TimeoutError, exc_types().TimeoutError};
        for (int i = 0; i < 5; ++i) {
            e.exc_type = types[i];
            CHECK(line_of(e, 9) == std::string("{\"seq\": 9, \"t\": 0.0, \"event\": \"throw\", \"task\": \"Task-7\", \"exc\": \"") +
                                      names[i] + "\", \"msg\": null}");
        }
    }

    TEST_CASE("the runtime's block pool reuses a freed block within its size class only") {
        if (!rt::pool::kEnabled) return;  // sanitizer builds bypass the pool
        void* a = rt::pool::allocate(33);  // the class of 25..40 bytes
        rt::pool::release(a, 33);
        void* b = rt::pool::allocate(40);  // same class: the same block
        CHECK(b == a);
        void* c = rt::pool::allocate(41);  // the next class: another block
        CHECK(c != a);
        // Blocks keep operator new's 16-byte alignment.
        CHECK(reinterpret_cast<uintptr_t>(a) % 16 == 0);
        CHECK(reinterpret_cast<uintptr_t>(c) % 16 == 0);
        rt::pool::release(b, 40);
        rt::pool::release(c, 41);
        void* big = rt::pool::allocate(4096);  // past the classes: plain operator new
        rt::pool::release(big, 4096);
    }
}
