// Calling a Python callable from C++. Native functions are called directly; anything
// else (scenario functions, bound methods, classes) goes through the hook the
// interpreter installs, so the runtime can run `add_done_callback(fn)` callbacks without
// knowing about the interpreter.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "daemon/object/object.h"
#include "daemon/object/outcome.h"
#include "daemon/object/type.h"

namespace tl {

Type* native_function_type();

// One keyword argument of a call (`name=value`).
struct KwArg {
    std::string_view name;
    Value value;
};

// A builtin function: a C++ function pointer with an optional bound `self` value.
class NativeFunction : public Object {
public:
    using Fn = Outcome (*)(const Value& self, std::span<const Value> args, std::span<const KwArg> kwargs);
    NativeFunction(std::string name, Fn fn, Value self = Value())
        : Object(native_function_type()), name(std::move(name)), fn(fn), self(std::move(self)) {}
    std::string name;
    Fn fn;
    Value self;
};

using CallHook = Outcome (*)(const Value& callable, std::span<const Value> args,
                             std::span<const KwArg> kwargs);
void set_call_hook(CallHook hook);

// Calls `callable(*args, **kwargs)`; a non-callable gives a TypeError outcome.
Outcome call_value(const Value& callable, std::span<const Value> args,
                   std::span<const KwArg> kwargs = {});

}  // namespace tl
