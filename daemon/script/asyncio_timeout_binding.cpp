// asyncio.timeout(), asyncio.timeout_at() and asyncio.Timeout over rt::Timeout: the
// async context manager protocol (__aenter__/__aexit__ return the runtime's native
// coroutines) and when()/reschedule()/expired().
#include "daemon/runtime/timeout.h"
#include "daemon/script/asyncio_binding.h"

namespace tl::script::aio {

namespace {

rt::Timeout* as_timeout(const Value& v) {
    if (!v.is_obj() || v.as_obj()->type() != rt::timeout_type()) return nullptr;
    return v.obj_as<rt::Timeout>();
}

Outcome timeout_fn(const Value&, Args args, Kwargs) {
    if (args.size() != 1) return raise_type_error("timeout() takes exactly one argument");
    std::optional<double> d;
    ExcRef err;
    if (!to_seconds(args[0], d, true, err)) return Outcome::raise(err);
    return Outcome::ok(Value(rt::timeout(loop(), d)));
}

Outcome timeout_at_fn(const Value&, Args args, Kwargs) {
    if (args.size() != 1) return raise_type_error("timeout_at() takes exactly one argument");
    std::optional<double> w;
    ExcRef err;
    if (!to_seconds(args[0], w, true, err)) return Outcome::raise(err);
    return Outcome::ok(Value(rt::timeout_at(loop(), w)));
}

Outcome timeout_ctor(const Value&, Args args, Kwargs) {
    if (args.size() != 1) return raise_type_error("Timeout() takes exactly one argument");
    std::optional<double> w;
    ExcRef err;
    if (!to_seconds(args[0], w, true, err)) return Outcome::raise(err);
    return Outcome::ok(Value(rt::timeout_at(loop(), w)));
}

Outcome aenter_fn(const Value& self, Args args, Kwargs) {
    rt::Timeout* t = as_timeout(receiver(self, args));
    if (!t) return raise_type_error("descriptor '__aenter__' requires a 'Timeout' object");
    return Outcome::ok(Value(t->aenter()));
}

Outcome aexit_fn(const Value& self, Args args, Kwargs) {
    rt::Timeout* t = as_timeout(receiver(self, args));
    if (!t) return raise_type_error("descriptor '__aexit__' requires a 'Timeout' object");
    ExcRef exc;
    if (args.size() >= 2 && args[1].is_obj() && args[1].as_obj()->type()->layout() == Layout::Exception) {
        exc = ExcRef(args[1].obj_as<ExceptionObject>());
    }
    return Outcome::ok(Value(t->aexit(exc)));
}

Outcome when_fn(const Value& self, Args args, Kwargs) {
    rt::Timeout* t = as_timeout(receiver(self, args));
    if (!t) return raise_type_error("descriptor 'when' requires a 'Timeout' object");
    auto w = t->when();
    return Outcome::ok(w ? Value::floating(*w) : Value::none());
}

Outcome reschedule_fn(const Value& self, Args args, Kwargs) {
    rt::Timeout* t = as_timeout(receiver(self, args));
    if (!t) return raise_type_error("descriptor 'reschedule' requires a 'Timeout' object");
    if (args.size() != 1) return raise_type_error("reschedule() takes exactly one argument");
    std::optional<double> w;
    ExcRef err;
    if (!to_seconds(args[0], w, true, err)) return Outcome::raise(err);
    return t->reschedule(w);
}

Outcome expired_fn(const Value& self, Args args, Kwargs) {
    rt::Timeout* t = as_timeout(receiver(self, args));
    if (!t) return raise_type_error("descriptor 'expired' requires a 'Timeout' object");
    return Outcome::ok(Value::boolean(t->expired()));
}

// Timeout.__repr__ (timeouts.py): "<Timeout [active] when=10.0>"
Outcome repr_fn(const Value& self, Args args, Kwargs) {
    rt::Timeout* t = as_timeout(receiver(self, args));
    if (!t) return raise_type_error("descriptor '__repr__' requires a 'Timeout' object");
    return Outcome::ok(make_str(t->repr()));
}

}  // namespace

void bind_timeout(ModuleObject& m, Vm& vm) {
    static bool installed = [] {
        Type* t = rt::timeout_type();
        add_method(t, "__aenter__", &aenter_fn);
        add_method(t, "__aexit__", &aexit_fn);
        add_method(t, "when", &when_fn);
        add_method(t, "reschedule", &reschedule_fn);
        add_method(t, "expired", &expired_fn);
        add_method(t, "__repr__", &repr_fn);
        return true;
    }();
    (void)installed;
    vm.register_constructor(rt::timeout_type(), native("Timeout", &timeout_ctor));
    m.add("timeout", native("timeout", &timeout_fn));
    m.add("timeout_at", native("timeout_at", &timeout_at_fn));
    m.add("Timeout", Value(rt::timeout_type()));
}

}  // namespace tl::script::aio
