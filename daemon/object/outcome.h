// The result of running Python code from C++: a value, or the exception it raised.
// Runtime and interpreter pass exceptions as values, never as C++ exceptions, so that a
// cancellation storm costs no unwinding.
#pragma once

#include "daemon/object/exception.h"
#include "daemon/object/value.h"

namespace tl {

struct Outcome {
    Value value;
    ExcRef exc;

    static Outcome ok(Value v) { return Outcome{std::move(v), nullptr}; }
    static Outcome raise(ExcRef e) { return Outcome{Value(), std::move(e)}; }
    bool ok() const { return !exc; }
};

}  // namespace tl
