// Dispatch for call_value(): native functions inline, the rest through the hook.
#include "daemon/object/callable.h"

#include "daemon/object/exception.h"

namespace tl {

namespace {
CallHook g_hook = nullptr;
}

Type* native_function_type() {
    static Type* t = [] {
        auto* ty = new Type("builtin_function_or_method", {}, Layout::Native);
        ty->make_immortal();
        return ty;
    }();
    return t;
}

void set_call_hook(CallHook hook) { g_hook = hook; }

Outcome call_value(const Value& callable, std::span<const Value> args, std::span<const KwArg> kwargs) {
    if (callable.is_obj() && callable.as_obj()->type() == native_function_type()) {
        auto* nf = callable.obj_as<NativeFunction>();
        return nf->fn(nf->self, args, kwargs);
    }
    if (g_hook) return g_hook(callable, args, kwargs);
    return Outcome::raise(make_exception(exc_types().TypeError, "object is not callable"));
}

}  // namespace tl
