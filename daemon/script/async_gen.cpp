// Async generator objects and their awaitables, a port of genobject.c (CPython 3.13):
// async_gen_unwrap_value, async_gen_asend_send/throw, async_gen_athrow_send/throw and the
// async_generator methods __aiter__/__anext__/asend/athrow/aclose. The generator's frame
// runs in a ScriptGen; the awaitables are native coroutines (rt::Coroutine), so an awaiting
// frame drives them with send/throw like any native awaitable, and futures that inner
// awaits yield pass through them to the task unchanged.
#include "daemon/script/async_gen.h"

#include <span>
#include <string>

#include "daemon/object/callable.h"
#include "daemon/object/exception.h"
#include "daemon/object/ops.h"
#include "daemon/object/str.h"
#include "daemon/object/type.h"
#include "daemon/runtime/coroutine.h"

// g++ 12 sees a null `this` in inlined Ref/Value code here (the -Wnonnull false positive
// vm.cpp works around the same way).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnonnull"
#pragma GCC diagnostic ignored "-Warray-bounds"

namespace tl::script {
namespace {

using rt::StepResult;

Type* make_type(const char* name, Layout layout) {
    auto* t = new Type(name, {}, layout);
    t->make_immortal();
    return t;
}

Type* wrapped_type() {
    static Type* t = make_type("async_generator_wrapped_value", Layout::Other);
    return t;
}
Type* asend_type() {
    static Type* t = make_type("async_generator_asend", Layout::Coroutine);
    return t;
}
Type* athrow_type() {
    static Type* t = make_type("async_generator_athrow", Layout::Coroutine);
    return t;
}

// _PyAsyncGenWrappedValue: what `yield v` in an async generator really yields.
class WrappedValue final : public Object {
public:
    explicit WrappedValue(Value v) : Object(wrapped_type()), value(std::move(v)) {}
    Value value;
};

const WrappedValue* as_wrapped(const Value& v) {
    if (!v.is_obj() || v.as_obj()->type() != wrapped_type()) return nullptr;
    return static_cast<const WrappedValue*>(v.as_obj());
}

// PyAsyncGenObject: the frame's generator plus ag_running_async and ag_closed.
class AsyncGen final : public Object {
public:
    explicit AsyncGen(Ref<ScriptGen> g) : Object(async_generator_type()), gen(std::move(g)) {}
    Ref<ScriptGen> gen;
    bool running_async = false;
    bool closed = false;
};

enum class AwaitableState : uint8_t { Init, Iter, Closed };

bool is_exit_or_stop(const ExcRef& e) {
    return e && (e->is_instance(exc_types().StopAsyncIteration) || e->is_instance(exc_types().GeneratorExit));
}

ExcRef runtime_error_from(const ExcRef& e, const char* msg) {
    ExcRef r = make_exception(exc_types().RuntimeError, msg);
    r->cause = e;
    r->context = e;
    r->suppress_context = true;
    return r;
}

// gen_send_ex2's async-generator rules, applied to what the frame's ScriptGen returned:
// the frame returning is StopAsyncIteration, and StopAsyncIteration or StopIteration
// escaping the body becomes a RuntimeError (PEP 479, worded for async generators).
StepResult from_frame(StepResult r) {
    if (r.kind == StepResult::Kind::Return) {
        return StepResult::raised(make_exception(exc_types().StopAsyncIteration));
    }
    if (r.kind == StepResult::Kind::Raise && r.exc) {
        if (r.exc->is_instance(exc_types().StopAsyncIteration)) {
            return StepResult::raised(runtime_error_from(r.exc, "async generator raised StopAsyncIteration"));
        }
        // The VM already turned StopIteration into RuntimeError in a plain generator's words.
        if (r.exc->is_instance(exc_types().RuntimeError) && r.exc->cause &&
            r.exc->cause->is_instance(exc_types().StopIteration) && r.exc->suppress_context) {
            return StepResult::raised(runtime_error_from(r.exc->cause, "async generator raised StopIteration"));
        }
    }
    return r;
}

// async_gen_unwrap_value: a wrapped value ends the awaitable with that value; anything
// else yielded passes through to the awaiter's task.
StepResult unwrap(AsyncGen* ag, StepResult r) {
    if (r.kind != StepResult::Kind::Yield) {
        if (r.kind == StepResult::Kind::Raise && is_exit_or_stop(r.exc)) ag->closed = true;
        ag->running_async = false;
        return r;
    }
    if (const WrappedValue* w = as_wrapped(r.value)) {
        ag->running_async = false;
        return StepResult::returned(w->value);
    }
    return r;
}

StepResult runtime_error(const char* msg) {
    return StepResult::raised(make_exception(exc_types().RuntimeError, msg));
}

// async_generator_asend: what __anext__() and asend(v) return.
class ASend final : public rt::Coroutine {
public:
    ASend(Ref<AsyncGen> g, Value v) : rt::Coroutine(asend_type()), ag(std::move(g)), sendval(std::move(v)) {}

    StepResult send(Value arg) override {
        if (state == AwaitableState::Closed) return runtime_error("cannot reuse already awaited __anext__()/asend()");
        if (state == AwaitableState::Init) {
            if (ag->running_async) {
                state = AwaitableState::Closed;
                return runtime_error("anext(): asynchronous generator is already running");
            }
            if (arg.is_null() || arg.is_none()) arg = sendval;
            state = AwaitableState::Iter;
        }
        ag->running_async = true;
        StepResult r = unwrap(ag.get(), from_frame(ag->gen->send(std::move(arg))));
        if (r.kind != StepResult::Kind::Yield) state = AwaitableState::Closed;
        return r;
    }

    StepResult throw_exc(ExcRef exc) override {
        if (state == AwaitableState::Closed) return runtime_error("cannot reuse already awaited __anext__()/asend()");
        ag->running_async = true;
        StepResult r = unwrap(ag.get(), from_frame(ag->gen->throw_exc(std::move(exc))));
        if (r.kind != StepResult::Kind::Yield) state = AwaitableState::Closed;
        return r;
    }

    std::string qualname() const override { return "async_generator_asend"; }
    rt::SourceLocation location() const override { return ag->gen->location(); }
    void close() override { state = AwaitableState::Closed; }
    bool finished() const override { return state == AwaitableState::Closed; }

    Ref<AsyncGen> ag;
    Value sendval;
    AwaitableState state = AwaitableState::Init;
};

// async_generator_athrow: what athrow(exc) returns, and aclose() (exc null: GeneratorExit,
// and a yielded value or a swallowed exit are the errors CPython reports).
class AThrow final : public rt::Coroutine {
public:
    AThrow(Ref<AsyncGen> g, ExcRef e) : rt::Coroutine(athrow_type()), ag(std::move(g)), exc(std::move(e)) {}

    bool closing() const { return !exc; }

    StepResult yield_close() {
        ag->running_async = false;
        state = AwaitableState::Closed;
        return runtime_error("async generator ignored GeneratorExit");
    }

    StepResult check_error(StepResult r) {
        ag->running_async = false;
        state = AwaitableState::Closed;
        // aclose() does not propagate StopAsyncIteration or GeneratorExit: the await is done.
        if (closing() && is_exit_or_stop(r.exc)) return StepResult::returned(Value::none());
        return r;
    }

    StepResult send(Value arg) override {
        if (state == AwaitableState::Closed) return runtime_error("cannot reuse already awaited aclose()/athrow()");
        if (ag->gen->finished()) {
            state = AwaitableState::Closed;
            return StepResult::returned(Value::none());
        }
        StepResult r;
        if (state == AwaitableState::Init) {
            if (ag->running_async) {
                state = AwaitableState::Closed;
                return runtime_error(closing() ? "aclose(): asynchronous generator is already running"
                                               : "athrow(): asynchronous generator is already running");
            }
            if (ag->closed) {
                state = AwaitableState::Closed;
                return StepResult::raised(make_exception(exc_types().StopAsyncIteration));
            }
            if (!arg.is_null() && !arg.is_none()) {
                return runtime_error("can't send non-None value to a just-started coroutine");
            }
            state = AwaitableState::Iter;
            ag->running_async = true;
            if (closing()) {
                ag->closed = true;
                r = from_frame(ag->gen->throw_exc(make_exception(exc_types().GeneratorExit)));
                if (r.kind == StepResult::Kind::Yield && as_wrapped(r.value)) return yield_close();
            } else {
                r = unwrap(ag.get(), from_frame(ag->gen->throw_exc(exc)));
            }
            if (r.kind == StepResult::Kind::Raise) return check_error(std::move(r));
            return r;
        }
        r = from_frame(ag->gen->send(std::move(arg)));
        if (!closing()) return unwrap(ag.get(), std::move(r));
        if (r.kind == StepResult::Kind::Yield) {
            if (as_wrapped(r.value)) return yield_close();
            return r;
        }
        return check_error(std::move(r));
    }

    StepResult throw_exc(ExcRef e) override {
        if (state == AwaitableState::Closed) return runtime_error("cannot reuse already awaited aclose()/athrow()");
        StepResult r = from_frame(ag->gen->throw_exc(std::move(e)));
        if (!closing()) return unwrap(ag.get(), std::move(r));
        if (r.kind == StepResult::Kind::Yield && as_wrapped(r.value)) return yield_close();
        if (r.kind == StepResult::Kind::Raise && is_exit_or_stop(r.exc)) return StepResult::returned(Value::none());
        return r;
    }

    std::string qualname() const override { return "async_generator_athrow"; }
    rt::SourceLocation location() const override { return ag->gen->location(); }
    void close() override { state = AwaitableState::Closed; }
    bool finished() const override { return state == AwaitableState::Closed; }

    Ref<AsyncGen> ag;
    ExcRef exc;
    AwaitableState state = AwaitableState::Init;
};

// ---- async_generator methods ---------------------------------------------------------------

AsyncGen* receiver(const Value& self, std::span<const Value>& args) {
    Value r = self;
    if (r.is_null() && !args.empty()) {
        r = args[0];
        args = args.subspan(1);
    }
    if (!r.is_obj() || r.as_obj()->type() != async_generator_type()) return nullptr;
    return static_cast<AsyncGen*>(r.as_obj());
}

Outcome not_an_async_gen(const char* method) {
    return Outcome::raise(make_exception(exc_types().TypeError,
                                         std::string("descriptor '") + method + "' requires an 'async_generator' object"));
}

Outcome aiter_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    AsyncGen* ag = receiver(self, args);
    if (!ag) return not_an_async_gen("__aiter__");
    return Outcome::ok(Value(ag));
}

Outcome anext_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    AsyncGen* ag = receiver(self, args);
    if (!ag) return not_an_async_gen("__anext__");
    return Outcome::ok(Value(new ASend(Ref<AsyncGen>(ag), Value::none())));
}

Outcome asend_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    AsyncGen* ag = receiver(self, args);
    if (!ag) return not_an_async_gen("asend");
    if (args.size() != 1) {
        return Outcome::raise(make_exception(exc_types().TypeError, "async_generator.asend() takes exactly one argument (" +
                                                                       std::to_string(args.size()) + " given)"));
    }
    return Outcome::ok(Value(new ASend(Ref<AsyncGen>(ag), args[0])));
}

// athrow(exc) / athrow(type[, value]): the exception instance to throw in.
Outcome athrow_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    AsyncGen* ag = receiver(self, args);
    if (!ag) return not_an_async_gen("athrow");
    if (args.empty() || args.size() > 3) {
        return Outcome::raise(make_exception(exc_types().TypeError, "athrow expected at least 1 argument, got " +
                                                                       std::to_string(args.size())));
    }
    Value e = args[0];
    if (e.is_obj() && e.as_obj()->type()->layout() == Layout::Type) {
        std::vector<Value> ctor_args;
        if (args.size() > 1 && !args[1].is_none()) ctor_args.push_back(args[1]);
        Outcome o = call_value(e, ctor_args);
        if (!o.ok()) return o;
        e = o.value;
    }
    if (!e.is_obj() || e.as_obj()->type()->layout() != Layout::Exception) {
        return Outcome::raise(make_exception(exc_types().TypeError,
                                             "exceptions must be classes or instances deriving from BaseException, not " +
                                                 type_name(e)));
    }
    return Outcome::ok(Value(new AThrow(Ref<AsyncGen>(ag), ExcRef(e.obj_as<ExceptionObject>()))));
}

Outcome aclose_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    AsyncGen* ag = receiver(self, args);
    if (!ag) return not_an_async_gen("aclose");
    return Outcome::ok(Value(new AThrow(Ref<AsyncGen>(ag), nullptr)));
}

Outcome wrap_fn(const Value&, std::span<const Value> args, std::span<const KwArg>) {
    return Outcome::ok(Value(new WrappedValue(args.empty() ? Value::none() : args[0])));
}

}  // namespace

Type* async_generator_type() {
    static Type* t = [] {
        Type* ty = make_type("async_generator", Layout::Other);
        ty->dict()["__aiter__"] = Value(new NativeFunction("__aiter__", &aiter_fn, Value()));
        ty->dict()["__anext__"] = Value(new NativeFunction("__anext__", &anext_fn, Value()));
        ty->dict()["asend"] = Value(new NativeFunction("asend", &asend_fn, Value()));
        ty->dict()["athrow"] = Value(new NativeFunction("athrow", &athrow_fn, Value()));
        ty->dict()["aclose"] = Value(new NativeFunction("aclose", &aclose_fn, Value()));
        return ty;
    }();
    return t;
}

Value async_gen_wrap_function() {
    static Value fn = [] {
        auto* f = new NativeFunction("async_gen_wrap", &wrap_fn, Value());
        f->make_immortal();
        return Value(f);
    }();
    return fn;
}

Value make_async_gen(Ref<ScriptGen> gen) { return Value(new AsyncGen(std::move(gen))); }

}  // namespace tl::script

#pragma GCC diagnostic pop
