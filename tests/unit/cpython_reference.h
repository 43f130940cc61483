// CPython's reference traces for runtime tests: loads the JSON lines that
// tests/conformance/tracer.py printed for a scenario (.py beside them) and compares a run's
// trace with them on the contract fields of ../shared/TRACE.md only (the field table of
// tests/conformance/trace_contract.py: `done` without `exc` equals `exc: null`).
// Regenerate a scenario's files from the repository root with
//   python3.1x tests/conformance/tracer.py S.py > S.3.1x.jsonl   (3.11.7, 3.12.1, 3.13.0)
//   node tests/conformance/pyodide/run_tracer.mjs S.py > S.3.14.jsonl
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "daemon/runtime/semantics.h"
#include "tests/unit/runtime_helpers.h"

namespace tl::test {

namespace fs = std::filesystem;

// The repository root: two levels above this file when the compiler's path for it still
// resolves, else the first directory upwards from the working directory that holds
// tests/conformance/tracer.py (CI runs from a fresh clone, anywhere).
inline fs::path repo_root() {
    auto is_root = [](const fs::path& p) {
        std::error_code ec;
        return fs::exists(p / "tests" / "conformance" / "tracer.py", ec);
    };
    std::error_code ec;
    // __FILE__ may read "./tests/unit/…": normalise so parent_path() really goes up.
    fs::path here = fs::absolute(fs::path(__FILE__), ec).lexically_normal().parent_path().parent_path().parent_path();
    if (!ec && is_root(here)) return here;
    for (fs::path p = fs::current_path(ec); !ec && !p.empty(); p = p.parent_path()) {
        if (is_root(p)) return p;
        if (p == p.parent_path()) break;
    }
    return {};
}

// ../shared beside the repository (as CI lays it out), or $TASKLENS_SHARED.
inline fs::path shared_dir() {
    if (const char* env = std::getenv("TASKLENS_SHARED")) return fs::path(env);
    fs::path root = repo_root();
    return root.empty() ? fs::path() : root.lexically_normal().parent_path() / "shared";
}

inline std::optional<std::vector<std::string>> read_lines(const fs::path& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

// The contract fields of each event (trace_contract.EVENT_FIELDS).
inline const std::vector<std::string>* contract_fields(const std::string& event) {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> table = {
        {"task_created", {"task", "coro", "parent"}},
        {"cancel", {"task", "by", "msg", "result", "cancelling", "must_cancel"}},
        {"uncancel", {"task", "by", "cancelling", "must_cancel", "rescinded"}},
        {"throw", {"task", "exc", "msg"}},
        {"done", {"task", "state", "exc"}},
        {"timeout_enter", {"scope", "task", "when"}},
        {"timeout_reschedule", {"scope", "when"}},
        {"timeout_expire", {"scope", "task"}},
        {"timeout_exit", {"scope", "task", "expired", "raised"}},
        {"taskgroup_enter", {"scope", "task"}},
        {"taskgroup_abort", {"scope"}},
        {"taskgroup_exit", {"scope", "task", "raised"}},
        {"print", {"text"}},
        {"exit", {"status", "exc"}},
    };
    for (const auto& [name, fields] : table) {
        if (name == event) return &fields;
    }
    return nullptr;
}

// One event reduced to what the contract compares, as a stable JSON string: event, t,
// then the event's contract fields in order; t/when as doubles; absent fields as null.
// A line that is not JSON, or an event outside the contract, is kept verbatim so the
// comparison fails on it visibly.
inline std::string contract_form(const std::string& line) {
    nlohmann::ordered_json in = nlohmann::ordered_json::parse(line, nullptr, false);
    if (in.is_discarded() || !in.is_object() || !in.contains("event") || !in["event"].is_string()) {
        return "unparsable: " + line;
    }
    std::string event = in["event"].get<std::string>();
    const auto* fields = contract_fields(event);
    if (!fields) return "unknown event: " + line;
    nlohmann::ordered_json out;
    out["event"] = event;
    auto as_double = [](const nlohmann::ordered_json& v) -> nlohmann::ordered_json {
        if (v.is_number()) return v.get<double>();
        return v;
    };
    out["t"] = in.contains("t") ? as_double(in["t"]) : nlohmann::ordered_json();
    for (const auto& f : *fields) {
        nlohmann::ordered_json v = in.contains(f) ? in[f] : nlohmann::ordered_json();
        out[f] = f == "when" ? as_double(v) : v;
    }
    return out.dump();
}

inline std::vector<std::string> contract_view(const std::vector<std::string>& lines) {
    std::vector<std::string> out;
    out.reserve(lines.size());
    for (const auto& l : lines) out.push_back(contract_form(l));
    return out;
}

inline std::string version_suffix(rt::PyVersion v) { return rt::version_name(v); }

// tests/scenarios/runtime/<scenario>.<version>.jsonl, written by the reference tracer under
// that CPython (3.14: pyodide). Empty, with a failed check naming the file, when missing.
inline std::vector<std::string> reference_trace(const std::string& scenario, rt::PyVersion v) {
    fs::path root = repo_root();
    fs::path path = root / "tests" / "scenarios" / "runtime" / (scenario + "." + version_suffix(v) + ".jsonl");
    auto lines = read_lines(path);
    if (!lines) {
        FAIL_CHECK("reference trace missing: " << path.string()
                   << " (regenerate with tests/conformance/tracer.py; run from the repository)");
        return {};
    }
    return contract_view(*lines);
}

}  // namespace tl::test

// The run's trace equals CPython's for `scenario` under version `v`, on the contract.
#define CHECK_REFERENCE(world, scenario, v) \
    CHECK_TRACE(tl::test::contract_view((world).rec.lines), tl::test::reference_trace((scenario), (v)))
