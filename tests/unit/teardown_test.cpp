// The end-of-run teardown (daemon/script/teardown.h): a run that leaves reference cycles
// behind (module globals <-> functions, classes <-> methods and their __class__ cell,
// self-referencing instances and containers, suspended coroutines <-> tasks, handled
// exceptions) must give all of its heap back when its Vm goes, or a daemon running
// session after session grows without bound.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "daemon/object/containers.h"
#include "daemon/object/dict.h"
#include "daemon/runtime/clock.h"
#include "daemon/runtime/event_loop.h"
#include "daemon/runtime/runner.h"
#include "daemon/script/compiler.h"
#include "daemon/script/heap_budget.h"
#include "daemon/script/parser.h"
#include "daemon/script/teardown.h"
#include "daemon/script/vm.h"

namespace {

using namespace tl;
using namespace tl::script;

class NullSink : public PrintSink {
public:
    void write_out(std::string_view) override {}
    void write_err(std::string_view) override {}
};

// The cycles a scenario commonly leaves behind (classes aside, see kClasses), plus a task
// still pending when main returns (asyncio.run cancels it) and one parked forever on an Event.
const char* const kCycles = R"~(import asyncio

def counter():
    n = 0
    def bump():
        nonlocal n
        n += 1
        return bump
    return bump

async def worker(ev):
    me = asyncio.current_task()
    try:
        await ev.wait()
    except asyncio.CancelledError:
        raise

async def main():
    d = {}
    d['d'] = d
    f = counter()
    f()
    ev = asyncio.Event()
    t = asyncio.create_task(worker(ev))
    parked = asyncio.create_task(worker(ev))
    await asyncio.sleep(0)
    try:
        raise ValueError('x')
    except ValueError as e:
        err = e
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        pass
    global keep
    keep = [d, asyncio.current_task(), err, f, t, parked]

asyncio.run(main())
)~";

// Classes: a class <-> its methods (through the module globals), a class made inside a
// function <-> its __class__ cell, instances referring to themselves.
const char* const kClasses = R"~(class Node:
    def __init__(self):
        self.me = self
        self.items = [self]

class Base:
    def hello(self):
        return 1

def make():
    class Local(Base):
        def hello(self):
            return super().hello() + 1
    return Local

obj = make()()
obj.hello()
n = Node()
)~";

CodeRef compile(std::string_view source) {
    ParseResult parsed = parse_module(source, "cycles.py");
    REQUIRE(parsed.ok());
    CompileResult compiled = compile_module(*parsed.module, "cycles.py");
    REQUIRE(compiled.ok());
    return compiled.code;
}

// Compiles and runs `source` to the end on a fresh loop and Vm, as run_main does (a code
// object caches its global slots, so each run compiles its own).
void run_once(std::string_view source) {
    CodeRef code = compile(source);
    rt::VirtualClock clock;
    rt::EventLoop loop(clock, rt::Semantics{rt::PyVersion::V3_13});
    NullSink sink;
    Vm vm(&loop, &sink);
    Outcome o = vm.run_module(code, "tasklens_scenario");
    CHECK(o.ok());
}

}  // namespace

TEST_SUITE("teardown") {

TEST_CASE("runs leaving cycles behind give back all of their heap") {
    run_once(kCycles);  // first run: the process's one-time statics (types, interned names)
    uint64_t before = heap::live_bytes();
    for (int i = 0; i < 20; ++i) run_once(kCycles);
    uint64_t after = heap::live_bytes();
    // Without the teardown each run keeps several KiB (its module, classes, tasks…).
    CHECK(after <= before + 512);
}

TEST_CASE("scenario classes are emptied and kept; everything else they held is freed") {
    run_once(kClasses);
    size_t classes = retired_class_count();
    uint64_t before = heap::live_bytes();
    for (int i = 0; i < 20; ++i) run_once(kClasses);
    uint64_t after = heap::live_bytes();
    CHECK(retired_class_count() == classes + 20 * 3);
    // What stays per run is the three Type objects (name, qualname, mro, an empty dict);
    // without the teardown each run keeps over 6 KiB.
    CHECK(after - before <= 20 * 3 * 640);
}

TEST_CASE("clear_run_heap breaks a list that contains itself and a dict that holds it") {
    Value l = make_list({});
    l.obj_as<ListObject>()->items.push_back(l);
    Value d = make_dict();
    Outcome err;
    REQUIRE(d.obj_as<DictObject>()->set(make_str("l"), l, err));
    l.obj_as<ListObject>()->items.push_back(d);
    CHECK(l.as_obj()->refcount() == 3);  // ours, its own item, the dict's value
    CHECK(clear_run_heap({l}) == 2);
    CHECK(l.obj_as<ListObject>()->items.empty());
    CHECK(l.as_obj()->refcount() == 1);
}

}
