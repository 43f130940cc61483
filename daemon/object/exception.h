// Exception instances and the builtin exception hierarchy (CPython's, including
// asyncio's CancelledError and InvalidStateError). Scenario classes that derive from an
// exception type produce ExceptionObject instances of their own Type.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "daemon/object/object.h"
#include "daemon/object/type.h"
#include "daemon/object/value.h"
#include "daemon/runtime/object_pool.h"

namespace tl {

// One frame of a traceback, oldest first, as CPython prints them.
struct TracebackEntry {
    std::string file;
    int line = 0;
    std::string function;
};

// The frames of one exception. Most exceptions the runtime makes (a CancelledError per
// cancel) get exactly one frame and die soon: the buffer comes from the runtime's pool.
using Traceback = std::vector<TracebackEntry, rt::PoolAllocator<TracebackEntry>>;

// Pooled: a cancellation makes one CancelledError and drops it a step later.
class ExceptionObject : public Object {
public:
    TL_POOLED_ALLOCATION

    ExceptionObject(Type* type, std::vector<Value> args) : Object(type), args(std::move(args)) {}

    std::vector<Value> args;
    Ref<ExceptionObject> cause;    // __cause__
    Ref<ExceptionObject> context;  // __context__
    bool suppress_context = false; // __suppress_context__ (set by `raise ... from ...`)
    Traceback traceback;
    std::vector<Value> notes;  // __notes__ (add_note)

    // BaseExceptionGroup: the message and the member exceptions.
    Value group_message;
    std::vector<Ref<ExceptionObject>> group_members;

    // Attributes a scenario sets on its own exception instances (self.code = 3).
    std::unordered_map<std::string, Value>& attrs() {
        if (!attrs_) attrs_ = std::make_unique<std::unordered_map<std::string, Value>>();
        return *attrs_;
    }
    bool has_attrs() const { return attrs_ != nullptr; }

    bool is_instance(const Type* t) const { return type()->is_subtype(t); }
    const std::string& type_name() const { return type()->name(); }

    // args[0] when it is a str, else nullptr: the `msg` of trace events.
    const std::string* message_str() const;

private:
    std::unique_ptr<std::unordered_map<std::string, Value>> attrs_;
};

using ExcRef = Ref<ExceptionObject>;

// The builtin exception types, created once, immortal.
struct ExceptionTypes {
    Type* BaseException;
    Type* Exception;
    Type* GeneratorExit;
    Type* KeyboardInterrupt;
    Type* SystemExit;
    Type* BaseExceptionGroup;
    Type* ExceptionGroup;
    Type* ArithmeticError;
    Type* OverflowError;
    Type* ZeroDivisionError;
    Type* FloatingPointError;
    Type* AssertionError;
    Type* AttributeError;
    Type* EOFError;
    Type* ImportError;
    Type* ModuleNotFoundError;
    Type* LookupError;
    Type* IndexError;
    Type* KeyError;
    Type* MemoryError;
    Type* NameError;
    Type* UnboundLocalError;
    Type* OSError;
    Type* TimeoutError;
    Type* ConnectionError;
    Type* RuntimeError;
    Type* NotImplementedError;
    Type* RecursionError;
    Type* StopIteration;
    Type* StopAsyncIteration;
    Type* SyntaxError;
    Type* TypeError;
    Type* ValueError;
    Type* UnicodeError;
    Type* Warning;
    // asyncio.exceptions
    Type* CancelledError;
    Type* InvalidStateError;
    Type* QueueEmpty;
    Type* QueueFull;
    Type* QueueShutDown;
    Type* LimitOverrunError;
    Type* IncompleteReadError;

    // Every type above, in definition order (for installing them as builtins).
    std::vector<Type*> all;
};

// Built on first use. The hot paths (every cancel, step and except clause asks) read a
// published pointer inline instead of calling through a function-local static's guard.
namespace detail {
extern std::atomic<const ExceptionTypes*> g_exc_types;
const ExceptionTypes& build_exc_types();
}  // namespace detail

inline const ExceptionTypes& exc_types() {
    if (const ExceptionTypes* t = detail::g_exc_types.load(std::memory_order_acquire)) [[likely]] return *t;
    return detail::build_exc_types();
}

// Builds an instance; `msg` null gives an exception with no args.
ExcRef make_exception(Type* type, std::vector<Value> args = {});
ExcRef make_exception(Type* type, const std::string& msg);

// BaseExceptionGroup(msg, excs) picks ExceptionGroup when every member is an Exception,
// as CPython's BaseExceptionGroup.__new__ does.
ExcRef make_exception_group(const std::string& msg, std::vector<ExcRef> members);

}  // namespace tl
