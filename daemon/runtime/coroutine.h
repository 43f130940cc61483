// The one interface Task drives: resume with a value or an exception, and learn whether
// the coroutine yielded an awaitable, returned, or raised. Scenario frames (the VM) and
// native C++20 coroutines (native_coro.h) both implement it.
#pragma once

#include <string>
#include <string_view>

#include "daemon/object/exception.h"
#include "daemon/object/object.h"
#include "daemon/object/value.h"

namespace tl::rt {

struct SourceLocation {
    std::string file;  // empty: unknown (native code)
    int line = 0;
    std::string function;
};

// The file and line alone of a SourceLocation, viewed in place (Coroutine::location_point).
struct SourcePoint {
    std::string_view file;
    int line = 0;
};

// What a resumption produced.
struct StepResult {
    enum class Kind : uint8_t { Yield, Return, Raise };
    Kind kind;
    Value value;  // Yield: the awaitable (a Future, or None for a bare yield); Return: result
    ExcRef exc;   // Raise

    static StepResult yielded(Value v) { return {Kind::Yield, std::move(v), nullptr}; }
    static StepResult returned(Value v) { return {Kind::Return, std::move(v), nullptr}; }
    static StepResult raised(ExcRef e) { return {Kind::Raise, Value(), std::move(e)}; }
};

class Coroutine : public Object {
public:
    using Object::Object;

    // coro.send(value): value is None for the first resumption and for wake-ups.
    virtual StepResult send(Value value) = 0;
    // coro.throw(exc)
    virtual StepResult throw_exc(ExcRef exc) = 0;
    // The coroutine function's __qualname__ (the `coro` field of task_created).
    virtual std::string qualname() const = 0;
    // Where it is suspended now, innermost frame first; empty when unknown.
    virtual SourceLocation location() const { return {}; }
    // The file and line of location() without copying, for the trace writer's per-event
    // path. The file view stays valid until the next call of location_point() or until the
    // coroutine runs again or dies; line 0: unknown. The default copies location() once
    // into a holder that the next default call reuses.
    virtual SourcePoint location_point() const {
        static thread_local SourceLocation held;
        held = location();
        return SourcePoint{held.file, held.line};
    }
    // coro.close(): throw GeneratorExit if suspended; used when a task is abandoned.
    virtual void close() {}
    virtual bool finished() const = 0;
};

Type* coroutine_type();

}  // namespace tl::rt
