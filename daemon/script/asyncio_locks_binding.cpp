// asyncio.Event, Lock, Condition, Semaphore, BoundedSemaphore, Barrier and
// BrokenBarrierError over daemon/runtime/locks.h: constructors, methods, `async with`
// (__aenter__/__aexit__ return the runtime's native coroutines) and, through a native
// __getattr__, Barrier's read-only properties (parties, n_waiting, broken).
#include "daemon/object/str.h"
#include "daemon/runtime/locks.h"
#include "daemon/script/asyncio_binding.h"

namespace tl::script::aio {

namespace {

namespace L = rt::locks;

template <class T>
T* as(const Value& v, Type* t) {
    if (!v.is_obj() || !v.as_obj()->type()->is_subtype(t)) return nullptr;
    return v.obj_as<T>();
}

Outcome wrong_self(const char* method, const char* type) {
    return raise_type_error(std::string("descriptor '") + method + "' requires a '" + type + "' object");
}

// An integer argument (value=, parties=, n=): TypeError otherwise.
bool int_arg(const Value& v, int64_t& out, ExcRef& err) {
    if (v.is_int()) { out = v.as_int(); return true; }
    if (v.is_bool()) { out = v.as_bool() ? 1 : 0; return true; }
    err = make_exception(exc_types().TypeError, "'" + type_name(v) + "' object cannot be interpreted as an integer");
    return false;
}

// The optional argument `name` at position `pos` or as keyword.
const Value* opt_arg(Args args, Kwargs kw, size_t pos, std::string_view name) {
    if (args.size() > pos) return &args[pos];
    return kwarg(kw, name);
}

// ---- Event ----------------------------------------------------------------------------

Outcome event_ctor(const Value&, Args args, Kwargs kw) {
    if (!args.empty() || !kw.empty()) return raise_type_error("Event.__init__() takes 1 positional argument but " + std::to_string(args.size() + 1) + " were given");
    return Outcome::ok(Value(new L::Event(loop())));
}
Outcome event_is_set(const Value& self, Args args, Kwargs) {
    L::Event* e = as<L::Event>(receiver(self, args), L::event_type());
    if (!e) return wrong_self("is_set", "Event");
    return Outcome::ok(Value::boolean(e->is_set()));
}
Outcome event_set(const Value& self, Args args, Kwargs) {
    L::Event* e = as<L::Event>(receiver(self, args), L::event_type());
    if (!e) return wrong_self("set", "Event");
    e->set();
    return Outcome::ok(Value::none());
}
Outcome event_clear(const Value& self, Args args, Kwargs) {
    L::Event* e = as<L::Event>(receiver(self, args), L::event_type());
    if (!e) return wrong_self("clear", "Event");
    e->clear();
    return Outcome::ok(Value::none());
}
Outcome event_wait(const Value& self, Args args, Kwargs) {
    L::Event* e = as<L::Event>(receiver(self, args), L::event_type());
    if (!e) return wrong_self("wait", "Event");
    return Outcome::ok(Value(e->wait()));
}

// ---- the _ContextManagerMixin primitives: Lock, Condition, Semaphore ------------------

L::ContextManagerMixin* as_cm(const Value& v) {
    return as<L::ContextManagerMixin>(v, L::context_manager_mixin_type());
}
Outcome cm_acquire(const Value& self, Args args, Kwargs) {
    L::ContextManagerMixin* c = as_cm(receiver(self, args));
    if (!c) return wrong_self("acquire", "Lock");
    return Outcome::ok(Value(c->acquire()));
}
Outcome cm_release(const Value& self, Args args, Kwargs) {
    L::ContextManagerMixin* c = as_cm(receiver(self, args));
    if (!c) return wrong_self("release", "Lock");
    Outcome o = c->release();
    if (!o.ok()) return o;
    return Outcome::ok(Value::none());
}
Outcome cm_aenter(const Value& self, Args args, Kwargs) {
    L::ContextManagerMixin* c = as_cm(receiver(self, args));
    if (!c) return wrong_self("__aenter__", "Lock");
    return Outcome::ok(Value(c->aenter()));
}
Outcome cm_aexit(const Value& self, Args args, Kwargs) {
    L::ContextManagerMixin* c = as_cm(receiver(self, args));
    if (!c) return wrong_self("__aexit__", "Lock");
    return Outcome::ok(Value(c->aexit()));
}
Outcome cm_locked(const Value& self, Args args, Kwargs) {
    Value me = receiver(self, args);
    if (auto* l = as<L::Lock>(me, L::lock_type())) return Outcome::ok(Value::boolean(l->locked()));
    if (auto* c = as<L::Condition>(me, L::condition_type())) return Outcome::ok(Value::boolean(c->locked()));
    if (auto* s = as<L::Semaphore>(me, L::semaphore_type())) return Outcome::ok(Value::boolean(s->locked()));
    return wrong_self("locked", "Lock");
}

Outcome lock_ctor(const Value&, Args args, Kwargs kw) {
    if (!args.empty() || !kw.empty()) return raise_type_error("Lock.__init__() takes 1 positional argument but " + std::to_string(args.size() + 1) + " were given");
    return Outcome::ok(Value(new L::Lock(loop())));
}

// Condition(lock=None)
Outcome condition_ctor(const Value&, Args args, Kwargs kw) {
    Ref<L::Lock> lock;
    if (const Value* l = opt_arg(args, kw, 0, "lock"); l && !l->is_none()) {
        L::Lock* lk = as<L::Lock>(*l, L::lock_type());
        if (!lk) return raise_type_error("Condition(lock=) takes an asyncio.Lock");
        lock = Ref<L::Lock>(lk);
    }
    return Outcome::ok(Value(new L::Condition(loop(), lock)));
}
L::Condition* as_cond(const Value& v) { return as<L::Condition>(v, L::condition_type()); }
Outcome cond_wait(const Value& self, Args args, Kwargs) {
    L::Condition* c = as_cond(receiver(self, args));
    if (!c) return wrong_self("wait", "Condition");
    return Outcome::ok(Value(c->wait()));
}
Outcome cond_wait_for(const Value& self, Args args, Kwargs kw) {
    L::Condition* c = as_cond(receiver(self, args));
    if (!c) return wrong_self("wait_for", "Condition");
    const Value* p = opt_arg(args, kw, 0, "predicate");
    if (!p) return raise_type_error("Condition.wait_for() missing 1 required positional argument: 'predicate'");
    Value pred = *p;
    return Outcome::ok(Value(c->wait_for([pred]() { return call_value(pred, {}); })));
}
Outcome cond_notify(const Value& self, Args args, Kwargs kw) {
    L::Condition* c = as_cond(receiver(self, args));
    if (!c) return wrong_self("notify", "Condition");
    int64_t n = 1;
    ExcRef err;
    if (const Value* v = opt_arg(args, kw, 0, "n"); v && !int_arg(*v, n, err)) return Outcome::raise(err);
    Outcome o = c->notify(n);
    if (!o.ok()) return o;
    return Outcome::ok(Value::none());
}
Outcome cond_notify_all(const Value& self, Args args, Kwargs) {
    L::Condition* c = as_cond(receiver(self, args));
    if (!c) return wrong_self("notify_all", "Condition");
    Outcome o = c->notify_all();
    if (!o.ok()) return o;
    return Outcome::ok(Value::none());
}

// Semaphore(value=1) / BoundedSemaphore(value=1)
Outcome semaphore_ctor(const Value&, Args args, Kwargs kw) {
    int64_t n = 1;
    ExcRef err;
    if (const Value* v = opt_arg(args, kw, 0, "value"); v && !int_arg(*v, n, err)) return Outcome::raise(err);
    return L::Semaphore::make(loop(), n);
}
Outcome bounded_semaphore_ctor(const Value&, Args args, Kwargs kw) {
    int64_t n = 1;
    ExcRef err;
    if (const Value* v = opt_arg(args, kw, 0, "value"); v && !int_arg(*v, n, err)) return Outcome::raise(err);
    return L::BoundedSemaphore::make(loop(), n);
}

// ---- Barrier --------------------------------------------------------------------------

L::Barrier* as_barrier(const Value& v) { return as<L::Barrier>(v, L::barrier_type()); }
Outcome barrier_ctor(const Value&, Args args, Kwargs kw) {
    const Value* p = opt_arg(args, kw, 0, "parties");
    if (!p) return raise_type_error("Barrier.__init__() missing 1 required positional argument: 'parties'");
    int64_t n = 0;
    ExcRef err;
    if (!int_arg(*p, n, err)) return Outcome::raise(err);
    return L::Barrier::make(loop(), n);
}
Outcome barrier_wait(const Value& self, Args args, Kwargs) {
    L::Barrier* b = as_barrier(receiver(self, args));
    if (!b) return wrong_self("wait", "Barrier");
    return Outcome::ok(Value(b->wait()));
}
Outcome barrier_reset(const Value& self, Args args, Kwargs) {
    L::Barrier* b = as_barrier(receiver(self, args));
    if (!b) return wrong_self("reset", "Barrier");
    return Outcome::ok(Value(b->reset()));
}
Outcome barrier_abort(const Value& self, Args args, Kwargs) {
    L::Barrier* b = as_barrier(receiver(self, args));
    if (!b) return wrong_self("abort", "Barrier");
    return Outcome::ok(Value(b->abort()));
}
Outcome barrier_aenter(const Value& self, Args args, Kwargs) {
    L::Barrier* b = as_barrier(receiver(self, args));
    if (!b) return wrong_self("__aenter__", "Barrier");
    return Outcome::ok(Value(b->aenter()));
}
Outcome barrier_aexit(const Value& self, Args args, Kwargs) {
    L::Barrier* b = as_barrier(receiver(self, args));
    if (!b) return wrong_self("__aexit__", "Barrier");
    return Outcome::ok(Value(b->aexit()));
}
// Barrier.parties / n_waiting / broken are properties in locks.py; asked for through
// __getattr__, which runs only when the normal lookup found nothing.
Outcome barrier_getattr(const Value& self, Args args, Kwargs) {
    Value me = receiver(self, args);
    L::Barrier* b = as_barrier(me);
    if (!b || args.empty() || !str_of(args[0])) return wrong_self("__getattr__", "Barrier");
    std::string_view n = *str_of(args[0]);
    if (n == "parties") return Outcome::ok(Value::integer(b->parties()));
    if (n == "n_waiting") return Outcome::ok(Value::integer(b->n_waiting()));
    if (n == "broken") return Outcome::ok(Value::boolean(b->broken()));
    return Outcome::raise(make_exception(exc_types().AttributeError,
                                         "'Barrier' object has no attribute '" + std::string(n) + "'"));
}

}  // namespace

void bind_locks(ModuleObject& m, Vm& vm) {
    static bool installed = [] {
        Type* e = L::event_type();
        add_method(e, "is_set", &event_is_set);
        add_method(e, "set", &event_set);
        add_method(e, "clear", &event_clear);
        add_method(e, "wait", &event_wait);
        // The mixin carries what Lock, Condition and the semaphores share.
        Type* cm = L::context_manager_mixin_type();
        add_method(cm, "__aenter__", &cm_aenter);
        add_method(cm, "__aexit__", &cm_aexit);
        for (Type* t : {L::lock_type(), L::condition_type(), L::semaphore_type()}) {
            add_method(t, "acquire", &cm_acquire);
            add_method(t, "release", &cm_release);
            add_method(t, "locked", &cm_locked);
        }
        Type* c = L::condition_type();
        add_method(c, "wait", &cond_wait);
        add_method(c, "wait_for", &cond_wait_for);
        add_method(c, "notify", &cond_notify);
        add_method(c, "notify_all", &cond_notify_all);
        Type* b = L::barrier_type();
        add_method(b, "wait", &barrier_wait);
        add_method(b, "reset", &barrier_reset);
        add_method(b, "abort", &barrier_abort);
        add_method(b, "__aenter__", &barrier_aenter);
        add_method(b, "__aexit__", &barrier_aexit);
        add_method(b, "__getattr__", &barrier_getattr);
        return true;
    }();
    (void)installed;
    vm.register_constructor(L::event_type(), native("Event", &event_ctor));
    vm.register_constructor(L::lock_type(), native("Lock", &lock_ctor));
    vm.register_constructor(L::condition_type(), native("Condition", &condition_ctor));
    vm.register_constructor(L::semaphore_type(), native("Semaphore", &semaphore_ctor));
    vm.register_constructor(L::bounded_semaphore_type(), native("BoundedSemaphore", &bounded_semaphore_ctor));
    vm.register_constructor(L::barrier_type(), native("Barrier", &barrier_ctor));
    m.add("Event", Value(L::event_type()));
    m.add("Lock", Value(L::lock_type()));
    m.add("Condition", Value(L::condition_type()));
    m.add("Semaphore", Value(L::semaphore_type()));
    m.add("BoundedSemaphore", Value(L::bounded_semaphore_type()));
    m.add("Barrier", Value(L::barrier_type()));
    m.add("BrokenBarrierError", Value(L::broken_barrier_error_type()));
}

}  // namespace tl::script::aio
