// The Python-level methods of coroutine objects (send, throw, close, __await__) and of the
// coroutine_wrapper iterator that __await__ returns: genobject.c's coro_* methods. They
// work on any rt::Coroutine, so `async def` coroutines (ScriptGen) and the runtime's native
// ones (Timeout.__aenter__(), TaskGroup.__aexit__(...), asyncio.sleep(0)) behave alike.
#include <vector>

#include "daemon/object/containers.h"
#include "daemon/object/ops.h"
#include "daemon/object/str.h"
#include "daemon/runtime/native_coro.h"
#include "daemon/script/vm.h"
#include "daemon/script/vm_internal.h"

namespace tl::script {

Type* coroutine_wrapper_type() {
    static Type* t = [] {
        auto* ty = new Type("coroutine_wrapper", {}, Layout::Other);
        ty->make_immortal();
        return ty;
    }();
    return t;
}

// gen_send_ex's results as a method call sees them: a yield is the value, a return is
// StopIteration(value) (_PyGen_SetStopIterationValue), a raise passes through.
Outcome step_outcome(rt::Coroutine* c, rt::StepResult r) {
    if (r.kind == rt::StepResult::Kind::Raise && script_gen_of(c)) {
        // Chained inside the coroutine's frames already (Vm::note_resumed_exception).
        if (Vm* vm = Vm::current()) vm->note_resumed_exception(r.exc);
    }
    switch (r.kind) {
        case rt::StepResult::Kind::Yield: return Outcome::ok(std::move(r.value));
        case rt::StepResult::Kind::Return: {
            std::vector<Value> a;
            if (!r.value.is_none()) a.push_back(std::move(r.value));
            return Outcome::raise(make_exception(exc_types().StopIteration, std::move(a)));
        }
        case rt::StepResult::Kind::Raise: return Outcome::raise(std::move(r.exc));
    }
    return Outcome::ok(Value::none());
}

namespace {

// What coro.__await__() returns: an iterator driving the coroutine (coro_wrapper_*).
class CoroWrapper final : public Object {
public:
    explicit CoroWrapper(Ref<rt::Coroutine> c) : Object(coroutine_wrapper_type()), coro(std::move(c)) {}
    Ref<rt::Coroutine> coro;
};

// The receiver of a method: bound `self`, or args[0] when called through the type.
rt::Coroutine* coro_receiver(const Value& self, std::span<const Value>& args) {
    Value r = self;
    if (r.is_null() && !args.empty()) {
        r = args[0];
        args = args.subspan(1);
    }
    if (!r.is_obj()) return nullptr;
    if (r.as_obj()->type() == rt::coroutine_type()) return static_cast<rt::Coroutine*>(r.as_obj());
    if (r.as_obj()->type() == coroutine_wrapper_type()) return static_cast<CoroWrapper*>(r.as_obj())->coro.get();
    return nullptr;
}

Outcome bad_receiver(const char* method) {
    return Outcome::raise(make_exception(exc_types().TypeError, std::string("descriptor '") + method +
                                                                    "' requires a 'coroutine' object"));
}

// Whether a native coroutine has begun running (a NativeCoro knows; others are asked
// to throw, which an unstarted one raises at once without running anything).
bool native_started(rt::Coroutine* c) {
    if (auto* n = dynamic_cast<rt::NativeCoro*>(c)) return n->started();
    return true;
}

// coro.send(value) (gen_send): a non-None value cannot start a coroutine.
Outcome coro_send_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    rt::Coroutine* c = coro_receiver(self, args);
    if (!c) return bad_receiver("send");
    if (args.size() != 1) {
        return Outcome::raise(make_exception(exc_types().TypeError, "send() takes exactly one argument (" +
                                                                        std::to_string(args.size()) + " given)"));
    }
    if (!args[0].is_none() && !script_gen_of(c) && !native_started(c) && !c->finished()) {
        return Outcome::raise(make_exception(exc_types().TypeError, "can't send non-None value to a just-started coroutine"));
    }
    return step_outcome(c, c->send(args[0]));
}

Outcome coro_next_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    rt::Coroutine* c = coro_receiver(self, args);
    if (!c) return bad_receiver("__next__");
    return step_outcome(c, c->send(Value::none()));
}

bool is_exception_class(const Value& v) {
    return v.is_obj() && v.as_obj()->type()->layout() == Layout::Type &&
           static_cast<Type*>(v.as_obj())->is_subtype(exc_types().BaseException);
}
bool is_exception_instance(const Value& v) {
    return v.is_obj() && v.as_obj()->type()->layout() == Layout::Exception;
}

// _gen_throw's argument handling (throw(typ[, val[, tb]])): a class is instantiated with
// val (a tuple is spread, an instance of it is used as is), an instance must come alone.
Outcome normalize_thrown(std::span<const Value> args, ExcRef& out) {
    const auto& E = exc_types();
    Value typ = args[0];
    Value val = args.size() > 1 ? args[1] : Value::none();
    if (args.size() > 2 && !args[2].is_none()) {
        return Outcome::raise(make_exception(E.TypeError, "throw() third argument must be a traceback object"));
    }
    if (is_exception_class(typ)) {
        Value inst;
        if (is_exception_instance(val) && val.as_obj()->type()->is_subtype(static_cast<Type*>(typ.as_obj()))) {
            inst = val;
        } else {
            std::vector<Value> ctor_args;
            if (val.is_none()) {
            } else if (val.is_obj() && val.as_obj()->type() == tuple_type()) {
                ctor_args = val.obj_as<TupleObject>()->items;
            } else {
                ctor_args.push_back(val);
            }
            Outcome o = call_value(typ, ctor_args);
            if (!o.ok()) return o;
            inst = std::move(o.value);
            if (!is_exception_instance(inst)) {
                return Outcome::raise(make_exception(
                    E.TypeError, "calling " + type_name(typ) + " should have returned an instance of BaseException, not " +
                                     type_name(inst)));
            }
        }
        out = ExcRef(inst.obj_as<ExceptionObject>());
        return Outcome::ok(Value::none());
    }
    if (is_exception_instance(typ)) {
        if (!val.is_none()) {
            return Outcome::raise(make_exception(E.TypeError, "instance exception may not have a separate value"));
        }
        out = ExcRef(typ.obj_as<ExceptionObject>());
        return Outcome::ok(Value::none());
    }
    return Outcome::raise(make_exception(
        E.TypeError, "exceptions must be classes or instances deriving from BaseException, not " + type_name(typ)));
}

// coro.throw(typ[, val[, tb]]) (gen_throw)
Outcome coro_throw_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    rt::Coroutine* c = coro_receiver(self, args);
    if (!c) return bad_receiver("throw");
    if (args.empty() || args.size() > 3) {
        return Outcome::raise(make_exception(exc_types().TypeError, "throw expected at least 1 argument, got " +
                                                                        std::to_string(args.size())));
    }
    ExcRef exc;
    Ref<rt::Coroutine> keep(c);
    Outcome o = normalize_thrown(args, exc);
    if (!o.ok()) {
        // _gen_throw passes the arguments down to the awaited object first; its refusal
        // (this TypeError) comes back up and gen_send_ex(exc=1) raises it in the
        // suspended coroutine's frame. Unstarted or finished: nothing runs.
        bool suspended = !c->finished() && native_started(c);
        if (auto* g = script_gen_of(c)) suspended = g->state == ScriptGen::State::Suspended;
        if (!suspended) return o;
        return step_outcome(c, c->throw_exc(std::move(o.exc)));
    }
    return step_outcome(c, c->throw_exc(std::move(exc)));
}

// coro.close() (gen_close): GeneratorExit thrown in at the suspension point; a coroutine
// that yields again "ignored GeneratorExit"; from 3.13 the frame's return value is returned.
Outcome coro_close_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    rt::Coroutine* c = coro_receiver(self, args);
    if (!c) return bad_receiver("close");
    Vm* vm = Vm::current();
    if (auto* g = script_gen_of(c)) {
        if (!vm) {
            g->close();
            return Outcome::ok(Value::none());
        }
        return vm->close_gen(g);
    }
    const auto& E = exc_types();
    if (c->finished()) return Outcome::ok(Value::none());
    if (!native_started(c)) {
        c->close();
        return Outcome::ok(Value::none());
    }
    Ref<rt::Coroutine> keep(c);
    rt::StepResult r = c->throw_exc(make_exception(E.GeneratorExit, std::vector<Value>{}));
    switch (r.kind) {
        case rt::StepResult::Kind::Yield:
            return Outcome::raise(make_exception(E.RuntimeError, "coroutine ignored GeneratorExit"));
        case rt::StepResult::Kind::Return:
            if (vm && vm->loop()->semantics().close_returns_value()) return Outcome::ok(std::move(r.value));
            return Outcome::ok(Value::none());
        case rt::StepResult::Kind::Raise:
            if (r.exc->is_instance(E.GeneratorExit) || r.exc->is_instance(E.StopIteration)) {
                return Outcome::ok(Value::none());
            }
            return Outcome::raise(std::move(r.exc));
    }
    return Outcome::ok(Value::none());
}

// coro.__await__() (coro_await): the wrapper iterator.
Outcome coro_await_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    rt::Coroutine* c = coro_receiver(self, args);
    if (!c) return bad_receiver("__await__");
    return Outcome::ok(Value(new CoroWrapper(Ref<rt::Coroutine>(c))));
}

Outcome wrapper_iter_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    Value r = self;
    if (r.is_null() && !args.empty()) r = args[0];
    return Outcome::ok(r);
}

// g++ 12 sees a null `this` in the inlined Value destructor here (a false positive, as
// for the generator methods in vm.cpp).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnonnull"
#pragma GCC diagnostic ignored "-Warray-bounds"
[[gnu::noinline]] void add(Type* t, const char* name, NativeFunction::Fn fn) {
    t->dict()[name] = Value(new NativeFunction(name, fn, Value()));
}
#pragma GCC diagnostic pop

}  // namespace

void install_coroutine_methods() {
    Type* c = rt::coroutine_type();
    add(c, "send", &coro_send_fn);
    add(c, "throw", &coro_throw_fn);
    add(c, "close", &coro_close_fn);
    add(c, "__await__", &coro_await_fn);
    Type* w = coroutine_wrapper_type();
    add(w, "__iter__", &wrapper_iter_fn);
    add(w, "__next__", &coro_next_fn);
    add(w, "send", &coro_send_fn);
    add(w, "throw", &coro_throw_fn);
    add(w, "close", &coro_close_fn);
}

}  // namespace tl::script
