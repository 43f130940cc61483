// Helpers for runtime tests written as C++ coroutine scenarios: a virtual-clock loop with
// an observer that records every event as its JSON line (contract fields only), so a test
// can compare whole traces with CPython's.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "daemon/runtime/event_loop.h"
#include "daemon/runtime/native_coro.h"
#include "daemon/runtime/runner.h"
#include "daemon/runtime/sleep.h"
#include "daemon/runtime/task.h"
#include "daemon/trace/jsonl_writer.h"

namespace tl::test {

class Recorder : public rt::Observer {
public:
    void on_event(const rt::Event& e) override {
        std::string line;
        trace::append_event_json(line, e, ++seq_, false);
        lines.push_back(std::move(line));
        if (e.kind == rt::EventKind::Print) prints.emplace_back(e.text);
    }
    std::vector<std::string> lines;
    std::vector<std::string> prints;

private:
    uint64_t seq_ = 0;
};

// One asyncio world on the virtual clock, recording its trace.
struct World {
    explicit World(rt::PyVersion v = rt::kDefaultVersion) : loop(clock, rt::Semantics{v}, &rec) {}
    rt::VirtualClock clock;
    Recorder rec;
    rt::EventLoop loop;

    // print() from a scenario: a `print` event.
    void print(const std::string& text) {
        rt::Event e{rt::EventKind::Print};
        e.text = text;
        loop.emit(e);
    }
    rt::RunResult run(Ref<rt::Coroutine> main) { return rt::run_virtual(loop, std::move(main)); }
};

// Compares traces line by line so a failure names the first differing event.
#define CHECK_TRACE(actual, expected)                                              \
    do {                                                                           \
        const auto& a_ = (actual);                                                 \
        const auto& e_ = (expected);                                               \
        size_t n_ = std::min(a_.size(), e_.size());                                \
        size_t i_ = 0;                                                             \
        for (; i_ < n_; ++i_) {                                                    \
            if (a_[i_] != e_[i_]) break;                                           \
        }                                                                          \
        if (i_ < n_) {                                                             \
            CHECK(a_[i_] == e_[i_]);                                               \
        } else {                                                                   \
            CHECK(a_.size() == e_.size());                                         \
            if (a_.size() > e_.size()) CHECK(a_[n_] == std::string("<end>"));      \
            if (e_.size() > a_.size()) CHECK(std::string("<end>") == e_[n_]);      \
        }                                                                          \
    } while (0)

inline const rt::PyVersion kAllVersions[] = {rt::PyVersion::V3_11, rt::PyVersion::V3_12,
                                             rt::PyVersion::V3_13, rt::PyVersion::V3_14};

}  // namespace tl::test
