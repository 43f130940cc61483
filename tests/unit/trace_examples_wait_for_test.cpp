// The shared trace example wait_for_stubborn (../shared/trace-examples) as a C++ coroutine
// scenario, run in every version mode: its trace must equal CPython's .3.11/.3.12/.3.13
// files on the contract fields (3.14 mode: the 3.13 file; wait_for and timeouts.py have no
// 3.14 change this scenario can see). The files are read at test time.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "daemon/object/str.h"
#include "daemon/runtime/combinators.h"
#include "tests/unit/cpython_reference.h"

using namespace tl;
using namespace tl::rt;
using tl::test::World;

namespace {

// async def stubborn(): ignores the first cancel, then finishes anyway.
Native stubborn(World& w) {
    Outcome o = co_await delegate(sleep(w.loop, 10));
    if (!o.ok()) {
        if (!o.exc->is_instance(exc_types().CancelledError)) co_return o;
        w.print("stubborn ignores the cancel");
    }
    o = co_await delegate(sleep(w.loop, 0.5));
    if (!o.ok()) co_return o;
    co_return Outcome::ok(make_str("stubborn result"));
}

// async def main(): wait_for(stubborn(), timeout=1), TimeoutError caught.
Native stubborn_main(World& w) {
    Outcome r = co_await delegate(wait_for(w.loop, Value(native(stubborn(w), "stubborn")), 1.0));
    if (r.ok()) {
        w.print("wait_for returned " + *str_of(r.value));
    } else if (r.exc->is_instance(exc_types().TimeoutError)) {
        w.print("TimeoutError anyway");
    } else {
        co_return r;
    }
    co_return Outcome::ok(Value::none());
}

// <repo>/../shared, or $TASKLENS_SHARED. The repository is found from the working directory
// (repo_root) or else from the test binary's directory, so the suite runs from anywhere. The
// root is canonicalised first: found through __FILE__ it may end in "/.", and the parent of
// "/work/main/." is "/work/main".
std::filesystem::path shared_dir() {
    namespace fs = std::filesystem;
    if (const char* env = std::getenv("TASKLENS_SHARED")) return env;
    std::error_code ec;
    fs::path root = tl::test::repo_root();
    if (root.empty()) {
        for (fs::path p = fs::read_symlink("/proc/self/exe", ec).parent_path(); !ec && !p.empty(); p = p.parent_path()) {
            if (fs::exists(p / "tests" / "conformance" / "tracer.py", ec)) {
                root = p;
                break;
            }
            if (p == p.parent_path()) break;
        }
    }
    if (root.empty()) return {};
    root = fs::canonical(root, ec);
    return ec ? fs::path() : root.parent_path() / "shared";
}

// ../shared/trace-examples/wait_for_stubborn.<3.1x>.jsonl in contract form.
std::vector<std::string> stubborn_example(PyVersion v) {
    std::string ver = version_name(v == PyVersion::V3_14 ? PyVersion::V3_13 : v);
    auto path = shared_dir() / "trace-examples" / ("wait_for_stubborn." + ver + ".jsonl");
    auto lines = tl::test::read_lines(path);
    REQUIRE_MESSAGE(lines.has_value(), "shared trace example not found: " << path.string()
                                       << " (shared/ must sit beside the repository, or set TASKLENS_SHARED)");
    REQUIRE_MESSAGE(!lines->empty(), "shared trace example is empty: " << path.string());
    return tl::test::contract_view(*lines);
}

}  // namespace

TEST_SUITE("trace_examples") {

TEST_CASE("wait_for_stubborn equals CPython's trace in every version") {
    for (PyVersion v : tl::test::kAllVersions) {
        CAPTURE(version_name(v));
        World w(v);
        RunResult r = w.run(native(stubborn_main(w), "main"));
        CHECK(r.status == DoneState::Finished);
        // 3.11 runs stubborn() in a task of its own; 3.12+ inline under a Timeout.
        CHECK(w.loop.next_task_number() == (v == PyVersion::V3_11 ? 3u : 2u));
        CHECK_TRACE(tl::test::contract_view(w.rec.lines), stubborn_example(v));
    }
}

}
