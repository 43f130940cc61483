// asyncio.Queue, PriorityQueue and LifoQueue over daemon/runtime/queues.h: constructors,
// the queue methods (shutdown() only where the version has it, as QueueShutDown), and
// the `maxsize` property through a native __getattr__. QueueEmpty/QueueFull/QueueShutDown
// are bound with the other exception types in asyncio_module.cpp.
#include "daemon/runtime/queues.h"
#include "daemon/script/asyncio_binding.h"

namespace tl::script::aio {

namespace {

namespace Q = rt::queues;

Q::Queue* as_queue(const Value& v) {
    if (!v.is_obj() || !v.as_obj()->type()->is_subtype(Q::queue_type())) return nullptr;
    return v.obj_as<Q::Queue>();
}

Outcome wrong_self(const char* method) {
    return raise_type_error(std::string("descriptor '") + method + "' requires a 'Queue' object");
}

// Queue(maxsize=0)
bool maxsize_arg(Args args, Kwargs kw, int64_t& out, ExcRef& err) {
    const Value* v = !args.empty() ? &args[0] : kwarg(kw, "maxsize");
    out = 0;
    if (!v) return true;
    if (v->is_int()) { out = v->as_int(); return true; }
    if (v->is_bool()) { out = v->as_bool(); return true; }
    err = make_exception(exc_types().TypeError, "'<=' not supported between instances of '" + type_name(*v) + "' and 'int'");
    return false;
}

Outcome queue_ctor(const Value&, Args args, Kwargs kw) {
    int64_t n;
    ExcRef err;
    if (!maxsize_arg(args, kw, n, err)) return Outcome::raise(err);
    return Outcome::ok(Value(new Q::Queue(loop(), n)));
}
Outcome priority_queue_ctor(const Value&, Args args, Kwargs kw) {
    int64_t n;
    ExcRef err;
    if (!maxsize_arg(args, kw, n, err)) return Outcome::raise(err);
    return Outcome::ok(Value(new Q::PriorityQueue(loop(), n)));
}
Outcome lifo_queue_ctor(const Value&, Args args, Kwargs kw) {
    int64_t n;
    ExcRef err;
    if (!maxsize_arg(args, kw, n, err)) return Outcome::raise(err);
    return Outcome::ok(Value(new Q::LifoQueue(loop(), n)));
}

#define QUEUE_SELF(method)                          \
    Q::Queue* q = as_queue(receiver(self, args));   \
    if (!q) return wrong_self(method)

Outcome qsize_fn(const Value& self, Args args, Kwargs) {
    QUEUE_SELF("qsize");
    return Outcome::ok(Value::integer(static_cast<int64_t>(q->qsize())));
}
Outcome empty_fn(const Value& self, Args args, Kwargs) {
    QUEUE_SELF("empty");
    return Outcome::ok(Value::boolean(q->empty()));
}
Outcome full_fn(const Value& self, Args args, Kwargs) {
    QUEUE_SELF("full");
    return Outcome::ok(Value::boolean(q->full()));
}
Outcome put_fn(const Value& self, Args args, Kwargs kw) {
    QUEUE_SELF("put");
    const Value* item = !args.empty() ? &args[0] : kwarg(kw, "item");
    if (!item) return raise_type_error("Queue.put() missing 1 required positional argument: 'item'");
    return Outcome::ok(Value(q->put(*item)));
}
Outcome get_fn(const Value& self, Args args, Kwargs) {
    QUEUE_SELF("get");
    return Outcome::ok(Value(q->get()));
}
Outcome join_fn(const Value& self, Args args, Kwargs) {
    QUEUE_SELF("join");
    return Outcome::ok(Value(q->join()));
}
Outcome put_nowait_fn(const Value& self, Args args, Kwargs kw) {
    QUEUE_SELF("put_nowait");
    const Value* item = !args.empty() ? &args[0] : kwarg(kw, "item");
    if (!item) return raise_type_error("Queue.put_nowait() missing 1 required positional argument: 'item'");
    Outcome o = q->put_nowait(*item);
    if (!o.ok()) return o;
    return Outcome::ok(Value::none());
}
Outcome get_nowait_fn(const Value& self, Args args, Kwargs) {
    QUEUE_SELF("get_nowait");
    return q->get_nowait();
}
Outcome task_done_fn(const Value& self, Args args, Kwargs) {
    QUEUE_SELF("task_done");
    Outcome o = q->task_done();
    if (!o.ok()) return o;
    return Outcome::ok(Value::none());
}
// Queue.shutdown(immediate=False) (3.13+)
Outcome shutdown_fn(const Value& self, Args args, Kwargs kw) {
    QUEUE_SELF("shutdown");
    const Value* imm = !args.empty() ? &args[0] : kwarg(kw, "immediate");
    bool immediate = false;
    if (imm) {
        Outcome t = tl::truthy(*imm);
        if (!t.ok()) return t;
        immediate = t.value.as_bool();
    }
    Outcome o = q->shutdown(immediate);
    if (!o.ok()) return o;
    return Outcome::ok(Value::none());
}
// Queue.maxsize is a property in queues.py.
Outcome getattr_fn(const Value& self, Args args, Kwargs) {
    // receiver() drops the receiver from args, so take it once.
    Value recv = receiver(self, args);
    Q::Queue* q = as_queue(recv);
    if (!q) return wrong_self("__getattr__");
    if (args.empty() || !str_of(args[0])) return wrong_self("__getattr__");
    std::string_view n = *str_of(args[0]);
    if (n == "maxsize") return Outcome::ok(Value::integer(q->maxsize()));
    return Outcome::raise(make_exception(exc_types().AttributeError, "'" + type_name(recv) +
                                                                         "' object has no attribute '" + std::string(n) + "'"));
}

#undef QUEUE_SELF

}  // namespace

void bind_queues(ModuleObject& m, Vm& vm) {
    static bool installed = [] {
        Type* t = Q::queue_type();
        add_method(t, "qsize", &qsize_fn);
        add_method(t, "empty", &empty_fn);
        add_method(t, "full", &full_fn);
        add_method(t, "put", &put_fn);
        add_method(t, "get", &get_fn);
        add_method(t, "join", &join_fn);
        add_method(t, "put_nowait", &put_nowait_fn);
        add_method(t, "get_nowait", &get_nowait_fn);
        add_method(t, "task_done", &task_done_fn);
        add_method(t, "__getattr__", &getattr_fn);
        return true;
    }();
    (void)installed;
    // The type objects are shared by every run, whatever its version: shutdown exists
    // only while a 3.13+ run has bound it.
    if (vm.version() >= rt::PyVersion::V3_13) add_method(Q::queue_type(), "shutdown", &shutdown_fn);
    else Q::queue_type()->dict().erase("shutdown");
    vm.register_constructor(Q::queue_type(), native("Queue", &queue_ctor));
    vm.register_constructor(Q::priority_queue_type(), native("PriorityQueue", &priority_queue_ctor));
    vm.register_constructor(Q::lifo_queue_type(), native("LifoQueue", &lifo_queue_ctor));
    m.add("Queue", Value(Q::queue_type()));
    m.add("PriorityQueue", Value(Q::priority_queue_type()));
    m.add("LifoQueue", Value(Q::lifo_queue_type()));
}

}  // namespace tl::script::aio
