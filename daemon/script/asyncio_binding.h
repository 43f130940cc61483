// Shared helpers of the asyncio module binding (asyncio_module*.cpp): how a native
// method finds its receiver, reads keyword arguments and seconds, and reaches the loop.
// Each runtime concept (Future/Task, the loop object, Timeout, TaskGroup, combinators)
// binds itself in its own file through one `bind_*` function called by the module.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "daemon/object/callable.h"
#include "daemon/object/ops.h"
#include "daemon/runtime/event_loop.h"
#include "daemon/script/function.h"
#include "daemon/script/vm.h"

namespace tl::script::aio {

using Args = std::span<const Value>;
using Kwargs = std::span<const KwArg>;

// A native method is called either with its receiver in NativeFunction::self (bound by
// the VM or ops.h's builtin-method convention) or as args[0] (a BoundMethod): returns
// the receiver and drops it from args in the second case.
inline Value receiver(const Value& self, Args& args) {
    if (!self.is_null()) return self;
    if (args.empty()) return Value();
    Value r = args[0];
    args = args.subspan(1);
    return r;
}

inline const Value* kwarg(Kwargs kw, std::string_view name) {
    for (auto& k : kw) if (k.name == name) return &k.value;
    return nullptr;
}

// The loop asyncio functions act on: the run's loop (virtual-clock runs have exactly one).
inline rt::EventLoop& loop() { return *Vm::current()->loop(); }

// asyncio.get_running_loop(): RuntimeError outside asyncio.run().
inline ExcRef require_running() {
    if (Vm::current()->loop_running) return nullptr;
    return make_exception(exc_types().RuntimeError, "no running event loop");
}

// A number of seconds (int or float); None gives nullopt when allowed.
inline bool to_seconds(const Value& v, std::optional<double>& out, bool none_ok, ExcRef& err) {
    if (v.is_none() && none_ok) {
        out = std::nullopt;
        return true;
    }
    if (v.is_int()) { out = static_cast<double>(v.as_int()); return true; }
    if (v.is_float()) { out = v.as_float(); return true; }
    if (v.is_bool()) { out = v.as_bool() ? 1.0 : 0.0; return true; }
    err = make_exception(exc_types().TypeError, "'" + type_name(v) + "' object cannot be interpreted as a number of seconds");
    return false;
}

inline bool is_coroutine(const Value& v) { return v.is_obj() && v.as_obj()->type()->layout() == Layout::Coroutine; }

// A new NativeFunction value (defined out of line: see asyncio_module.cpp).
Value native(const char* name, NativeFunction::Fn fn);
inline void add_method(Type* t, const char* name, NativeFunction::Fn fn) { t->dict()[name] = native(name, fn); }

inline Outcome raise_type_error(const std::string& msg) {
    return Outcome::raise(make_exception(exc_types().TypeError, msg));
}

// One binding per runtime concept; each adds its names to the module.
void bind_futures(ModuleObject& m, Vm& vm);
void bind_loop(ModuleObject& m, Vm& vm);
void bind_timeout(ModuleObject& m, Vm& vm);
void bind_task_group(ModuleObject& m, Vm& vm);
void bind_combinators(ModuleObject& m, Vm& vm);
void bind_locks(ModuleObject& m, Vm& vm);   // asyncio_locks_binding.cpp
void bind_queues(ModuleObject& m, Vm& vm);  // asyncio_queues_binding.cpp
void bind_task_factory(ModuleObject& m, Vm& vm);  // asyncio_task_factory_binding.cpp

// The loop object asyncio.get_running_loop() returns (asyncio_loop_binding.cpp).
Value loop_object();
// loop.set_task_factory/get_task_factory, the loop's methods (asyncio_task_factory_binding.cpp).
Outcome set_task_factory_fn(const Value& self, Args args, Kwargs kw);
Outcome get_task_factory_fn(const Value& self, Args args, Kwargs kw);
// Whether `factory` is asyncio.eager_task_factory or made by create_eager_task_factory.
bool is_eager_factory(const Value& factory);
// BaseEventLoop.create_task's branch for a set task factory (Vm::task_factory).
Outcome create_task_with_factory(const Value& factory, Ref<rt::Coroutine> coro, std::optional<std::string> name);

}  // namespace tl::script::aio
