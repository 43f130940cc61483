// Async generator objects and their awaitables, a port of genobject.c (CPython 3.13):
// async_gen_unwrap_value, async_gen_asend_send/throw, async_gen_athrow_send/throw and the
// async_generator methods __aiter__/__anext__/asend/athrow/aclose. The generator's frame
// runs in a ScriptGen; the awaitables are native coroutines (rt::Coroutine), so an awaiting
// frame drives them with send/throw like any native awaitable, and futures that inner
// awaits yield pass through them to the task unchanged. Also asyncio's side of the
// generators' lifecycle (base_events.py's firstiter/finalizer hooks and
// shutdown_asyncgens, installed on the loop as rt::AsyncGenHooks) and the builtins
// aiter()/anext().
#include "daemon/script/async_gen.h"

#include <functional>

#include <fstream>
#include <list>
#include <span>
#include <string>

#include "daemon/object/callable.h"
#include "daemon/object/exception.h"
#include "daemon/object/ops.h"
#include "daemon/object/str.h"
#include "daemon/object/type.h"
#include "daemon/object/containers.h"
#include "daemon/runtime/combinators.h"
#include "daemon/runtime/coroutine.h"
#include "daemon/runtime/event_loop.h"
#include "daemon/runtime/task.h"
#include "daemon/script/traceback.h"
#include "daemon/script/vm.h"

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

class AsyncGen;
class AThrow;
Value make_aclose(AsyncGen* ag);  // agen.aclose()

Type* hooks_type() {
    static Type* t = make_type("_asyncgen_hooks", Layout::Other);
    return t;
}

// The loop's side of sys.set_asyncgen_hooks (base_events.py): _asyncgen_firstiter_hook,
// _asyncgen_finalizer_hook, the `_asyncgens` set (a WeakSet there; here the generators in
// firstiter order, each leaving it when it dies or is finalized) and shutdown_asyncgens.
class LoopAsyncGenHooks final : public rt::AsyncGenHooks {
public:
    explicit LoopAsyncGenHooks(rt::EventLoop* loop) : rt::AsyncGenHooks(hooks_type()), loop(loop) {}

    Ref<rt::Future> shutdown_asyncgens(rt::EventLoop& loop) override;
    void loop_closed() override { this->loop = nullptr; }

    void firstiter(AsyncGen* ag);
    void finalizer(AsyncGen* ag);
    void discard(AsyncGen* ag);

    rt::EventLoop* loop;  // null once the loop is closed (is_closed())
    std::list<AsyncGen*> asyncgens;
    bool shutdown_called = false;
};

// PyAsyncGenObject: the frame's generator plus ag_running_async, ag_closed and the hooks
// (ag_hooks_inited; ag_origin_or_finalizer = the loop hooks it registered with).
class AsyncGen final : public Object {
public:
    explicit AsyncGen(Ref<ScriptGen> g) : Object(async_generator_type()), gen(std::move(g)) {}
    ~AsyncGen() override;
    Ref<ScriptGen> gen;
    bool running_async = false;
    bool closed = false;
    bool hooks_inited = false;
    bool finalized = false;  // PEP 442: tp_finalize runs once per object
    Ref<LoopAsyncGenHooks> hooks;
    std::list<AsyncGen*>::iterator registered;
    bool in_registry = false;
};

// async_gen_init_hooks (genobject.c): on the first __anext__/asend/athrow/aclose, take the
// running loop's hooks (sys.get_asyncgen_hooks() is set only while run_forever runs) and
// call firstiter.
void init_hooks(AsyncGen* ag) {
    if (ag->hooks_inited) return;
    ag->hooks_inited = true;
    Vm* vm = Vm::current();
    rt::EventLoop* loop = vm ? vm->loop() : nullptr;
    if (!loop || !(vm->loop_running || loop->current_task())) return;
    auto* hooks = static_cast<LoopAsyncGenHooks*>(loop->asyncgen_hooks());
    if (!hooks) {
        hooks = new LoopAsyncGenHooks(loop);
        loop->set_asyncgen_hooks(Ref<rt::AsyncGenHooks>(hooks));
    }
    if (!hooks->loop) return;
    ag->hooks = Ref<LoopAsyncGenHooks>(hooks);
    hooks->firstiter(ag);
}

// BaseEventLoop._asyncgen_firstiter_hook: `self._asyncgens.add(agen)` (the ResourceWarning
// for a generator first iterated after shutdown_asyncgens is not ported).
void LoopAsyncGenHooks::firstiter(AsyncGen* ag) {
    if (ag->in_registry) return;
    ag->registered = asyncgens.insert(asyncgens.end(), ag);
    ag->in_registry = true;
}

void LoopAsyncGenHooks::discard(AsyncGen* ag) {
    if (!ag->in_registry) return;
    asyncgens.erase(ag->registered);
    ag->in_registry = false;
}

// BaseEventLoop._asyncgen_finalizer_hook: discard, then unless the loop is closed
// `call_soon_threadsafe(self.create_task, agen.aclose())` (aclose() now, the task in
// the callback: no task is current there, so the task has no parent).
void LoopAsyncGenHooks::finalizer(AsyncGen* ag) {
    discard(ag);
    if (!loop) return;
    Ref<rt::Coroutine> aclose(make_aclose(ag).obj_as<rt::Coroutine>());
    rt::EventLoop* l = loop;
    l->call_soon_fn([l, aclose]() mutable { (void)rt::create_task(*l, aclose); });
}

// _PyGen_Finalize for an async generator: a generator whose frame has not completed,
// with a finalizer from its hooks and not closed, is handed to the finalizer. CPython
// resurrects the object; here its state moves to a fresh AsyncGen (nobody can hold the
// dying one any more) that is marked finalized, as the resurrected object is.
AsyncGen::~AsyncGen() {
    if (!hooks) return;
    Ref<LoopAsyncGenHooks> h = std::move(hooks);
    h->discard(this);
    // No interpreter current: the Vm's teardown, where nothing runs any more.
    if (finalized || closed || !gen || gen->finished() || !Vm::current()) return;
    Ref<AsyncGen> heir(new AsyncGen(std::move(gen)));
    heir->running_async = running_async;
    heir->hooks_inited = true;
    heir->finalized = true;
    heir->hooks = h;
    h->finalizer(heir.get());
}

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
        if (r.kind == StepResult::Kind::Raise) {
            Vm* vm = Vm::current();
            if (vm && vm->loop() && vm->loop()->semantics().aclose_throw_error_resets_running()) {
                ag->running_async = false;
                state = AwaitableState::Closed;
            }
            if (is_exit_or_stop(r.exc)) return StepResult::returned(Value::none());
        }
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

Value make_aclose(AsyncGen* ag) { return Value(new AThrow(Ref<AsyncGen>(ag), nullptr)); }

std::string agen_repr(const AsyncGen* ag);

// Line `line` of `file`, stripped, for tracebacks ("" when unreadable).
std::string stripped_source_line(const std::string& file, int line) {
    std::ifstream in(file, std::ios::binary);
    std::string text;
    for (int i = 0; i < line && std::getline(in, text); ++i) {
    }
    if (!in && text.empty()) return "";
    size_t b = text.find_first_not_of(" \t\r\f");
    if (b == std::string::npos) return "";
    return text.substr(b, text.find_last_not_of(" \t\r\f") - b + 1);
}

// shutdown_asyncgens' tail: `for result, agen in zip(results, closing_agens)`, every
// Exception (not BaseException) reported through call_exception_handler.
void report_close_errors(Object* self, rt::Future* gathered) {
    auto* agens = static_cast<TupleObject*>(self);
    if (gathered->cancelled() || gathered->stored_exception()) return;
    const Value& res = gathered->stored_result();
    if (!res.is_obj() || res.as_obj()->type() != list_type()) return;
    auto* results = res.obj_as<ListObject>();
    for (size_t i = 0; i < results->items.size() && i < agens->items.size(); ++i) {
        const Value& r = results->items[i];
        if (!r.is_obj() || r.as_obj()->type()->layout() != Layout::Exception) continue;
        ExcRef e(r.obj_as<ExceptionObject>());
        if (!e->is_instance(exc_types().Exception)) continue;
        std::string agen = agen_repr(static_cast<const AsyncGen*>(agens->items[i].as_obj()));
        std::string message = "an error occurred during closing of asynchronous generator " + agen;
        gathered->loop()->report_callback_error(message, e);  // counted; the trace is muted here
        // The default exception handler's log record: message, the context's other keys,
        // then the traceback.
        if (Vm* vm = Vm::current(); vm && vm->sink()) {
            vm->sink()->write_err(message + "\nasyncgen: " + agen + "\n" + format_exception(*e, &stripped_source_line));
        }
    }
}

}  // namespace

// BaseEventLoop.shutdown_asyncgens: `results = await gather(*[ag.aclose() for ag in
// closing_agens], return_exceptions=True)` over the live generators, the set cleared.
Ref<rt::Future> LoopAsyncGenHooks::shutdown_asyncgens(rt::EventLoop& l) {
    shutdown_called = true;
    if (asyncgens.empty()) return nullptr;
    std::vector<Value> agens;
    std::vector<Value> closers;
    for (AsyncGen* ag : asyncgens) {
        ag->in_registry = false;
        agens.push_back(Value(ag));
    }
    asyncgens.clear();
    for (const Value& ag : agens) closers.push_back(make_aclose(static_cast<AsyncGen*>(ag.as_obj())));
    Outcome g = rt::gather(l, closers, /*return_exceptions=*/true);
    if (!g.ok()) return nullptr;
    Ref<rt::Future> f = rt::future_of(g.value);
    f->add_done_callback(rt::DoneCallback{&report_close_errors, Value(new TupleObject(std::move(agens)))});
    return f;
}

namespace {

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
    init_hooks(ag);
    return Outcome::ok(Value(new ASend(Ref<AsyncGen>(ag), Value::none())));
}

Outcome asend_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    AsyncGen* ag = receiver(self, args);
    if (!ag) return not_an_async_gen("asend");
    init_hooks(ag);
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
    init_hooks(ag);
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
    init_hooks(ag);
    return Outcome::ok(make_aclose(ag));
}

// ---- async_generator data attributes and repr ---------------------------------------------

std::string agen_repr(const AsyncGen* ag) {
    // gen_repr: `<async_generator object QUALNAME at 0x...>` (the address is this run's).
    return "<async_generator object " + (ag->gen ? ag->gen->qualname() : std::string("?")) + " at " +
           fake_address(Value(const_cast<AsyncGen*>(ag))) + ">";
}

Outcome repr_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    AsyncGen* ag = receiver(self, args);
    if (!ag) return not_an_async_gen("__repr__");
    return Outcome::ok(make_str(agen_repr(ag)));
}

Type* getset_type();

// A getset_descriptor of async_generator (async_gen_getsetlist / memberlist): read-only.
class GetSet final : public Object {
public:
    using Getter = Value (*)(AsyncGen*);
    explicit GetSet(Getter g) : Object(getset_type()), get(g) {}
    Getter get;
};

// getset_descriptor.__get__(descr, obj, owner)
Outcome getset_get(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    Value d = self;
    if (d.is_null() && !args.empty()) {
        d = args[0];
        args = args.subspan(1);
    }
    if (!d.is_obj() || d.as_obj()->type() != getset_type() || args.empty()) {
        return Outcome::raise(make_exception(exc_types().TypeError, "descriptor '__get__' needs an object"));
    }
    if (args[0].is_none()) return Outcome::ok(d);  // looked up on the class
    std::span<const Value> none;
    AsyncGen* ag = receiver(args[0], none);
    if (!ag) return not_an_async_gen("__get__");
    return Outcome::ok(d.obj_as<GetSet>()->get(ag));
}

Type* getset_type() {
    static Type* t = [] {
        Type* ty = make_type("getset_descriptor", Layout::Other);
        ty->dict()["__get__"] = Value(new NativeFunction("__get__", &getset_get, Value()));
        return ty;
    }();
    return t;
}

Value get_name(AsyncGen* ag) { return make_str(ag->gen ? ag->gen->name() : std::string()); }
Value get_qualname(AsyncGen* ag) { return make_str(ag->gen ? ag->gen->qualname() : std::string()); }
// ag_running is ag_running_async (ag_getrunning)
Value get_running(AsyncGen* ag) { return Value::boolean(ag->running_async); }

Outcome wrap_fn(const Value&, std::span<const Value> args, std::span<const KwArg>) {
    return Outcome::ok(Value(new WrappedValue(args.empty() ? Value::none() : args[0])));
}

// ---- builtins aiter() and anext() (bltinmodule.c) ---------------------------------------------

Type* anext_awaitable_type() {
    static Type* t = make_type("anext_awaitable", Layout::Coroutine);
    return t;
}

// anextawaitable (iterobject.c): anext(it, default) awaits it.__anext__() and turns its
// StopAsyncIteration into the default value.
class AnextAwaitable final : public rt::Coroutine {
public:
    AnextAwaitable(Ref<rt::Coroutine> w, Value d) : rt::Coroutine(anext_awaitable_type()), wrapped(std::move(w)), dflt(std::move(d)) {}

    StepResult send(Value arg) override { return proxy(wrapped->send(std::move(arg))); }
    StepResult throw_exc(ExcRef exc) override { return proxy(wrapped->throw_exc(std::move(exc))); }
    std::string qualname() const override { return "anext_awaitable"; }
    rt::SourceLocation location() const override { return wrapped->location(); }
    void close() override { wrapped->close(); }
    bool finished() const override { return wrapped->finished(); }

    Ref<rt::Coroutine> wrapped;
    Value dflt;

private:
    StepResult proxy(StepResult r) {
        if (r.kind == StepResult::Kind::Raise && r.exc && r.exc->is_instance(exc_types().StopAsyncIteration)) {
            return StepResult::returned(dflt);
        }
        return r;
    }
};

Outcome type_error(const std::string& msg) { return Outcome::raise(make_exception(exc_types().TypeError, msg)); }

// type(o).__anext__ / __aiter__ called on o, or null when the type has none.
bool call_slot(const Value& o, const char* name, Outcome& out) {
    if (!o.is_obj()) return false;
    Value fn = o.as_obj()->type()->lookup(name);
    if (fn.is_null()) return false;
    Value self[1] = {o};  // type(o).__anext__(o), as the slot call does
    out = call_value(fn, self);
    return true;
}

bool has_slot(const Value& o, const char* name) { return o.is_obj() && !o.as_obj()->type()->lookup(name).is_null(); }

Outcome builtin_aiter(const Value&, std::span<const Value> args, std::span<const KwArg> kw) {
    if (!kw.empty()) return type_error("aiter() takes no keyword arguments");
    if (args.size() != 1) return type_error("aiter expected 1 argument, got " + std::to_string(args.size()));
    Outcome it;
    if (!call_slot(args[0], "__aiter__", it)) return type_error("'" + type_name(args[0]) + "' object is not an async iterable");
    if (!it.ok()) return it;
    if (!has_slot(it.value, "__anext__")) {
        return type_error("aiter() returned not an async iterator of type '" + type_name(it.value) + "'");
    }
    return it;
}

Outcome builtin_anext(const Value&, std::span<const Value> args, std::span<const KwArg> kw) {
    if (!kw.empty()) return type_error("anext() takes no keyword arguments");
    if (args.empty() || args.size() > 2) {
        return type_error(std::string(args.empty() ? "anext expected at least 1 argument, got 0"
                                                   : "anext expected at most 2 arguments, got " + std::to_string(args.size())));
    }
    Outcome aw;
    if (!call_slot(args[0], "__anext__", aw)) return type_error("'" + type_name(args[0]) + "' object is not an async iterator");
    if (!aw.ok() || args.size() == 1) return aw;
    if (!aw.value.is_obj() || aw.value.as_obj()->type()->layout() != Layout::Coroutine) {
        // CPython wraps any awaitable (via its __await__); only coroutine-like ones here.
        return type_error("anext() with a default: '" + type_name(aw.value) + "' awaitables are not supported by tasklens");
    }
    return Outcome::ok(Value(new AnextAwaitable(Ref<rt::Coroutine>(aw.value.obj_as<rt::Coroutine>()), args[1])));
}

}  // namespace

void install_async_gen_builtins(std::unordered_map<std::string, Value>& builtins) {
    // Made once and shared by every Vm (a run leaves no heap behind: teardown tests).
    static const Value aiter = [] {
        auto* f = new NativeFunction("aiter", &builtin_aiter, Value());
        f->make_immortal();
        return Value(f);
    }();
    static const Value anext = [] {
        auto* f = new NativeFunction("anext", &builtin_anext, Value());
        f->make_immortal();
        return Value(f);
    }();
    builtins["aiter"] = aiter;
    builtins["anext"] = anext;
}

Type* async_generator_type() {
    static Type* t = [] {
        Type* ty = make_type("async_generator", Layout::Other);
        ty->dict()["__aiter__"] = Value(new NativeFunction("__aiter__", &aiter_fn, Value()));
        ty->dict()["__anext__"] = Value(new NativeFunction("__anext__", &anext_fn, Value()));
        ty->dict()["asend"] = Value(new NativeFunction("asend", &asend_fn, Value()));
        ty->dict()["athrow"] = Value(new NativeFunction("athrow", &athrow_fn, Value()));
        ty->dict()["aclose"] = Value(new NativeFunction("aclose", &aclose_fn, Value()));
        ty->dict()["__repr__"] = Value(new NativeFunction("__repr__", &repr_fn, Value()));
        ty->dict()["__name__"] = Value(new GetSet(&get_name));
        ty->dict()["__qualname__"] = Value(new GetSet(&get_qualname));
        ty->dict()["ag_running"] = Value(new GetSet(&get_running));
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

// tp_traverse of this file's objects (async_generator, its asend/athrow awaitables,
// anextawaitable, the wrapped yield value), for teardown.cpp: without it a run that ends
// with an aclose() task still pending (shutdown_asyncgens gave up) keeps the cycle
// task -> athrow -> async generator -> frame -> awaited future -> task alive.
void async_gen_referents(Object* o, const std::function<void(Object*)>& visit) {
    auto obj = [&](const Value& v) {
        if (v.is_obj()) visit(v.as_obj());
    };
    if (auto* ag = dynamic_cast<AsyncGen*>(o)) {
        visit(ag->gen.get());
    } else if (auto* s = dynamic_cast<ASend*>(o)) {
        visit(s->ag.get());
        obj(s->sendval);
    } else if (auto* t = dynamic_cast<AThrow*>(o)) {
        visit(t->ag.get());
        visit(t->exc.get());
    } else if (auto* a = dynamic_cast<AnextAwaitable*>(o)) {
        visit(a->wrapped.get());
        obj(a->dflt);
    } else if (auto* w = dynamic_cast<WrappedValue*>(o)) {
        obj(w->value);
    }
}

}  // namespace tl::script

#pragma GCC diagnostic pop
