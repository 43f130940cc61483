// Async generators (`async def` with `yield`), ported from CPython's genobject.c: the
// async_generator object over a ScriptGen frame, and the awaitables its __anext__/asend
// (async_generator_asend) and athrow/aclose (async_generator_athrow) return. Each `yield`
// in an async generator hands its value through async_gen_wrap_function() (the compiler
// emits the call, CPython's ASYNC_GEN_WRAP), so the awaitables can tell a yielded value
// (the await's result) from a future an inner `await` passes up to the task.
#pragma once

#include <string>
#include <functional>
#include <unordered_map>

#include "daemon/object/object.h"
#include "daemon/object/value.h"
#include "daemon/script/function.h"

namespace tl::script {

Type* async_generator_type();

// The native the compiler calls on every value an async generator yields.
Value async_gen_wrap_function();

// The async_generator object for a frame whose code is both a generator and a coroutine
// (the VM's wrap_gen calls this with the ScriptGen it made for the frame).
Value make_async_gen(Ref<ScriptGen> gen);

// What an object of async_gen.cpp holds that a reference cycle can pass through (its
// tp_traverse), for the end-of-run teardown (teardown.h); nothing for other objects.
void async_gen_referents(Object* o, const std::function<void(Object*)>& visit);

// The builtins aiter() and anext() (the Vm adds them to its builtins).
void install_async_gen_builtins(std::unordered_map<std::string, Value>& builtins);

}  // namespace tl::script
