// asyncio.gather, shield, wait_for and wait over daemon/runtime/combinators.h.
// wait() returns (done, pending) as two sets, built from the runtime's ordered lists.
#include "daemon/runtime/combinators.h"
#include "daemon/runtime/native_coro.h"
#include "daemon/script/asyncio_binding.h"

namespace tl::script::aio {

namespace {

Outcome gather_fn(const Value&, Args args, Kwargs kw) {
    bool return_exceptions = false;
    if (const Value* r = kwarg(kw, "return_exceptions")) {
        Outcome t = truthy(*r);
        if (!t.ok()) return t;
        return_exceptions = t.value.as_bool();
    }
    return rt::gather(loop(), std::vector<Value>(args.begin(), args.end()), return_exceptions);
}

Outcome shield_fn(const Value&, Args args, Kwargs) {
    if (args.size() != 1) return raise_type_error("shield() takes exactly one argument");
    return rt::shield(loop(), args[0]);
}

Outcome wait_for_fn(const Value&, Args args, Kwargs kw) {
    if (args.empty()) return raise_type_error("wait_for() missing 1 required positional argument: 'fut'");
    Value t = args.size() > 1 ? args[1] : Value::none();
    if (const Value* k = kwarg(kw, "timeout")) t = *k;
    std::optional<double> d;
    ExcRef err;
    if (!to_seconds(t, d, true, err)) return Outcome::raise(err);
    return Outcome::ok(Value(rt::wait_for(loop(), args[0], d)));
}

// The runtime's wait() returns two lists; CPython's returns two sets.
rt::Native wait_as_sets(Ref<rt::Coroutine> inner) {
    Outcome o = co_await rt::delegate(std::move(inner));
    if (!o.ok()) co_return o;
    auto& pair = o.value.obj_as<TupleObject>()->items;
    Outcome done = make_set_checked(pair[0].obj_as<ListObject>()->items);
    if (!done.ok()) co_return done;
    Outcome pending = make_set_checked(pair[1].obj_as<ListObject>()->items);
    if (!pending.ok()) co_return pending;
    co_return Outcome::ok(make_tuple({done.value, pending.value}));
}

Outcome wait_fn(const Value&, Args args, Kwargs kw) {
    if (args.empty()) return raise_type_error("wait() missing 1 required positional argument: 'fs'");
    std::vector<Value> fs;
    Outcome c = tl::collect(args[0], fs);
    if (!c.ok()) return c;
    std::optional<double> d;
    ExcRef err;
    Value t = args.size() > 1 ? args[1] : Value::none();
    if (const Value* k = kwarg(kw, "timeout")) t = *k;
    if (!to_seconds(t, d, true, err)) return Outcome::raise(err);
    rt::ReturnWhen when = rt::ReturnWhen::AllCompleted;
    if (const Value* k = kwarg(kw, "return_when")) {
        std::string s = str_string(*k);
        if (s == "FIRST_COMPLETED") when = rt::ReturnWhen::FirstCompleted;
        else if (s == "FIRST_EXCEPTION") when = rt::ReturnWhen::FirstException;
        else if (s != "ALL_COMPLETED") return Outcome::raise(make_exception(exc_types().ValueError, "Invalid return_when value: " + s));
    }
    return Outcome::ok(Value(rt::native(wait_as_sets(rt::wait(loop(), std::move(fs), d, when)), "wait")));
}

}  // namespace

void bind_combinators(ModuleObject& m, Vm&) {
    m.add("gather", native("gather", &gather_fn));
    m.add("shield", native("shield", &shield_fn));
    m.add("wait_for", native("wait_for", &wait_for_fn));
    m.add("wait", native("wait", &wait_fn));
    m.add("FIRST_COMPLETED", make_str("FIRST_COMPLETED"));
    m.add("FIRST_EXCEPTION", make_str("FIRST_EXCEPTION"));
    m.add("ALL_COMPLETED", make_str("ALL_COMPLETED"));
}

}  // namespace tl::script::aio
