// A tiny evaluator for Python expressions and simple statements, built only on ops.h, so
// data-driven tests can state a case as Python text and compare against CPython's answer
// (tests/unit/gen/gen_ops_cases.py). Not the scenario interpreter: literals, operators,
// calls with keywords, attributes, subscripts/slices, lambdas, `:=`, and the statements
// `x = e`, `x[i] = e`, `x.a = e`, `del x[i]`, `x op= e`, separated by " ;; ".
#pragma once

#include <map>
#include <memory>
#include <string>

#include "daemon/object/ops.h"

namespace tl::test {

class OpsEvaluator {
public:
    OpsEvaluator();   // installs its call hook (lambdas, then default_call_hook)
    ~OpsEvaluator();  // removes it
    // Runs one case line; returns repr(result), or "!TypeName: message" for an exception
    // (the same text gen_ops_cases.py writes for CPython).
    std::string run(const std::string& line);

    std::map<std::string, Value> globals;
};

}  // namespace tl::test
