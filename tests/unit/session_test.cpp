// ScenarioSession (daemon/session): a scenario run in slices, stopped and stepped between
// loop callbacks, must give CPython's trace (the scenarios and their reference traces are
// in tests/scenarios/runtime/session/, recorded with tests/conformance/tracer.py under
// 3.11.7, 3.12.1 and 3.13.0), and the diagnostics must name the mistakes they are for.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "daemon/session/scenario_session.h"

using namespace tl;
using tl::session::ScenarioSession;
using protocol::Json;

namespace {

const char* const kDir = "tests/scenarios/runtime/session/";

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Collector : ScenarioSession::Listener {
    std::vector<Json> events;
    std::vector<std::string> stops;
    Json exited;
    int wakes = 0;
    void on_event(ScenarioSession&, uint64_t, std::string_view, std::string_view, const std::string& json) override {
        events.push_back(Json::parse(json));
    }
    void on_stopped(ScenarioSession&, const char* reason, const std::string*, const std::vector<int>&) override {
        stops.push_back(reason);
    }
    void on_continued(ScenarioSession&) override {}
    void on_output(ScenarioSession&, std::string_view) override {}
    void on_exited(ScenarioSession&, const Json& p) override { exited = p; }
    void wake(ScenarioSession&) override { ++wakes; }

    std::vector<std::string> codes() const {
        std::vector<std::string> out;
        for (const Json& e : events) {
            if (e["event"] == "diagnostic") out.push_back(e["code"].get<std::string>());
        }
        return out;
    }
};

std::unique_ptr<ScenarioSession> start(const std::string& scenario, const char* version, Collector& c,
                                       bool paused = false) {
    session::SessionConfig config;
    config.source = slurp(std::string(kDir) + scenario + ".py");
    REQUIRE_FALSE(config.source.empty());
    config.name = scenario + ".py";
    config.version = *rt::parse_version(version);
    config.start_paused = paused;
    std::optional<session::StartError> err;
    auto s = ScenarioSession::create("s1", config, &c, err);
    REQUIRE(s);
    s->announce_start();
    return s;
}

void run_to_end(ScenarioSession& s) {
    for (int i = 0; i < 10000 && s.state() == ScenarioSession::State::Running; ++i) s.run_slice({});
    REQUIRE(s.state() == ScenarioSession::State::Exited);
}

// Contract comparison: every field of CPython's event but seq (diagnostics take seqs).
void check_against_cpython(const Collector& c, const std::string& scenario, const char* version) {
    std::istringstream ref(slurp(std::string(kDir) + scenario + "." + version + ".jsonl"));
    std::vector<Json> actual;
    for (const Json& e : c.events) {
        if (e["event"] != "diagnostic" && e["event"] != "error") actual.push_back(e);
    }
    std::string line;
    size_t i = 0;
    for (; std::getline(ref, line); ++i) {
        if (line.empty()) continue;
        Json want = Json::parse(line);
        REQUIRE_MESSAGE(i < actual.size(), scenario << " " << version << ": trace ends early");
        for (auto it = want.begin(); it != want.end(); ++it) {
            if (it.key() == "seq") continue;
            INFO(scenario << " " << version << " event #" << i + 1 << " field " << it.key());
            CHECK(actual[i][it.key()] == it.value());
        }
    }
    CHECK(i == actual.size());
}

}  // namespace

TEST_SUITE("session") {
    TEST_CASE("a session's trace is CPython's, with diagnostics beside it") {
        for (const char* v : {"3.11", "3.12", "3.13"}) {
            for (const char* sc : {"swallow_cancel", "never_retrieved", "rescind"}) {
                Collector c;
                auto s = start(sc, v, c);
                run_to_end(*s);
                check_against_cpython(c, sc, v);
            }
        }
    }

    TEST_CASE("swallowed-cancel and uncancel-at-zero") {
        Collector c;
        auto s = start("swallow_cancel", "3.13", c);
        run_to_end(*s);
        CHECK(c.codes() == std::vector<std::string>{"swallowed-cancel", "uncancel-at-zero"});
        CHECK(c.exited["status"] == "finished");
    }

    TEST_CASE("exception-never-retrieved comes before exit") {
        Collector c;
        auto s = start("never_retrieved", "3.12", c);
        run_to_end(*s);
        CHECK(c.codes() == std::vector<std::string>{"exception-never-retrieved"});
        CHECK(c.events.back()["event"] == "exit");
    }

    TEST_CASE("cancel-rescinded only where uncancel() clears must_cancel (3.13+)") {
        for (const char* v : {"3.11", "3.12", "3.13", "3.14"}) {
            Collector c;
            auto s = start("rescind", v, c);
            run_to_end(*s);
            bool rescinded = std::string(v) >= "3.13";
            CHECK(c.codes() == (rescinded ? std::vector<std::string>{"cancel-rescinded"} : std::vector<std::string>{}));
        }
    }

    TEST_CASE("startPaused, single-callback steps, then resume gives the same trace") {
        Collector c;
        auto s = start("swallow_cancel", "3.13", c, /*paused=*/true);
        CHECK(c.stops == std::vector<std::string>{"entry"});
        CHECK(s->run_slice({}).kind == ScenarioSession::Slice::Kind::Idle);  // paused: nothing runs
        CHECK(c.events.empty());
        CHECK(s->step(ScenarioSession::StepKind::Callback).empty());
        s->run_slice({});
        // The module body and main() as the main task: one step, task_created only.
        REQUIRE(c.events.size() == 1);
        CHECK(c.events[0]["event"] == "task_created");
        CHECK(c.stops.back() == "step");
        CHECK(s->step(ScenarioSession::StepKind::Event).empty());
        s->run_slice({});
        CHECK(c.stops.back() == "step");
        size_t after_event_step = c.events.size();
        CHECK(after_event_step > 1);
        s->resume();
        run_to_end(*s);
        check_against_cpython(c, "swallow_cancel", "3.13");
    }

    TEST_CASE("a breakpoint on uncancel stops after the callback that emitted it") {
        Collector c;
        auto s = start("swallow_cancel", "3.13", c, true);
        auto bps = s->set_breakpoints(Json::parse(R"([{"event": "uncancel"}, {"event": "nope"}, {"cancellingAtLeast": 1, "event": "done"}])"));
        CHECK(bps[0].verified);
        CHECK_FALSE(bps[1].verified);
        CHECK_FALSE(bps[2].verified);
        s->resume();
        for (int i = 0; i < 100 && s->state() == ScenarioSession::State::Running; ++i) s->run_slice({});
        REQUIRE(s->state() == ScenarioSession::State::Paused);
        CHECK(c.stops.back() == "breakpoint");
        // main's uncancel() runs in its last step: by the stop (after that callback)
        // main is done and the run's `exit` pass has not come yet.
        CHECK(c.events.back()["event"] == "done");
        CHECK(c.events.back()["task"] == "Task-1");
        CHECK(s->tasks_json()["tasks"].empty());
        s->resume();
        run_to_end(*s);
        check_against_cpython(c, "swallow_cancel", "3.13");
    }
}
