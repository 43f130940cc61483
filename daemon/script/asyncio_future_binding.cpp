// asyncio.Future and asyncio.Task methods over rt::Future / rt::Task (futures.py,
// tasks.py): installed once in the runtime types' dicts, so both `t.cancel()` and
// getattr(t, "cancel") find them; plus the Future() and Task() constructors.
#include "daemon/object/str.h"
#include "daemon/runtime/task.h"
#include "daemon/script/asyncio_binding.h"

namespace tl::script::aio {

namespace {

rt::Future* fut(const Value& v) { return v.obj_as<rt::Future>(); }

bool is_task(const Value& v) { return v.is_obj() && v.as_obj()->type()->is_subtype(rt::task_type()); }

#define RECEIVER()                                                                   \
    Value me = receiver(self, args);                                                 \
    if (!me.is_obj() || !me.as_obj()->type()->is_subtype(rt::future_type()))         \
        return raise_type_error("descriptor requires an asyncio.Future object");

Outcome cancel_fn(const Value& self, Args args, Kwargs kw) {
    RECEIVER();
    Value msg = args.empty() ? Value::none() : args[0];
    if (const Value* m = kwarg(kw, "msg")) msg = *m;
    return Outcome::ok(Value::boolean(fut(me)->cancel(msg)));
}
Outcome cancelled_fn(const Value& self, Args args, Kwargs) {
    RECEIVER();
    return Outcome::ok(Value::boolean(fut(me)->cancelled()));
}
Outcome done_fn(const Value& self, Args args, Kwargs) {
    RECEIVER();
    return Outcome::ok(Value::boolean(fut(me)->done()));
}
Outcome result_fn(const Value& self, Args args, Kwargs) {
    RECEIVER();
    return fut(me)->result();
}
Outcome exception_fn(const Value& self, Args args, Kwargs) {
    RECEIVER();
    return fut(me)->exception();
}
Outcome set_result_fn(const Value& self, Args args, Kwargs) {
    RECEIVER();
    if (args.size() != 1) return raise_type_error("set_result() takes exactly one argument");
    Outcome o = fut(me)->set_result(args[0]);
    if (!o.ok()) return o;
    return Outcome::ok(Value::none());
}
Outcome set_exception_fn(const Value& self, Args args, Kwargs) {
    RECEIVER();
    if (args.size() != 1) return raise_type_error("set_exception() takes exactly one argument");
    Value e = args[0];
    if (e.is_obj() && e.as_obj()->type()->layout() == Layout::Type) {
        Outcome o = call_value(e, {});
        if (!o.ok()) return o;
        e = o.value;
    }
    if (!e.is_obj() || e.as_obj()->type()->layout() != Layout::Exception) {
        return raise_type_error("invalid exception object");
    }
    if (e.obj_as<ExceptionObject>()->is_instance(exc_types().StopIteration)) {
        return raise_type_error("StopIteration interacts badly with generators and cannot be raised into a Future");
    }
    Outcome o = fut(me)->set_exception(ExcRef(e.obj_as<ExceptionObject>()));
    if (!o.ok()) return o;
    return Outcome::ok(Value::none());
}
Outcome add_done_callback_fn(const Value& self, Args args, Kwargs) {
    RECEIVER();
    if (args.size() != 1) return raise_type_error("add_done_callback() takes exactly one argument");
    fut(me)->add_done_callback(rt::DoneCallback{nullptr, args[0]});
    return Outcome::ok(Value::none());
}
Outcome remove_done_callback_fn(const Value& self, Args args, Kwargs) {
    RECEIVER();
    if (args.size() != 1) return raise_type_error("remove_done_callback() takes exactly one argument");
    return Outcome::ok(Value::integer(static_cast<int64_t>(fut(me)->remove_done_callback(rt::DoneCallback{nullptr, args[0]}))));
}
Outcome get_loop_fn(const Value& self, Args args, Kwargs) {
    RECEIVER();
    Outcome o = Vm::current()->import_module("asyncio");
    if (!o.ok()) return o;
    return call_value(o.value.obj_as<ModuleObject>()->attrs["get_running_loop"], {});
}

#define TASK_RECEIVER()                                                              \
    Value me = receiver(self, args);                                                 \
    if (!is_task(me)) return raise_type_error("descriptor requires an asyncio.Task object");

Outcome uncancel_fn(const Value& self, Args args, Kwargs) {
    TASK_RECEIVER();
    return Outcome::ok(Value::integer(me.obj_as<rt::Task>()->uncancel()));
}
Outcome cancelling_fn(const Value& self, Args args, Kwargs) {
    TASK_RECEIVER();
    return Outcome::ok(Value::integer(me.obj_as<rt::Task>()->cancelling()));
}
Outcome get_name_fn(const Value& self, Args args, Kwargs) {
    TASK_RECEIVER();
    return Outcome::ok(make_str(me.obj_as<rt::Task>()->name()));
}
Outcome set_name_fn(const Value& self, Args args, Kwargs) {
    TASK_RECEIVER();
    if (args.size() != 1) return raise_type_error("set_name() takes exactly one argument");
    Outcome s = tl::str(args[0]);
    if (!s.ok()) return s;
    me.obj_as<rt::Task>()->set_name(*str_of(s.value));
    return Outcome::ok(Value::none());
}
Outcome get_coro_fn(const Value& self, Args args, Kwargs) {
    TASK_RECEIVER();
    const auto& c = me.obj_as<rt::Task>()->coro();
    return Outcome::ok(c ? Value(c) : Value::none());
}

Outcome future_ctor(const Value&, Args args, Kwargs) {
    if (!args.empty()) return raise_type_error("Future() takes no positional arguments");
    return Outcome::ok(Value(new rt::Future(&loop())));
}

Outcome task_ctor(const Value&, Args args, Kwargs kw) {
    if (ExcRef e = require_running()) return Outcome::raise(e);
    if (args.size() != 1) return raise_type_error("Task() takes exactly one positional argument");
    if (!is_coroutine(args[0])) return raise_type_error("a coroutine was expected, got " + repr_string(args[0]));
    std::optional<std::string> name;
    if (const Value* n = kwarg(kw, "name"); n && !n->is_none()) name = str_string(*n);
    return Outcome::ok(Value(rt::create_task(loop(), Ref<rt::Coroutine>(args[0].obj_as<rt::Coroutine>()), name)));
}

#undef RECEIVER
#undef TASK_RECEIVER

}  // namespace

void bind_futures(ModuleObject& m, Vm& vm) {
    static bool installed = [] {
        Type* f = rt::future_type();
        add_method(f, "cancel", &cancel_fn);
        add_method(f, "cancelled", &cancelled_fn);
        add_method(f, "done", &done_fn);
        add_method(f, "result", &result_fn);
        add_method(f, "exception", &exception_fn);
        add_method(f, "set_result", &set_result_fn);
        add_method(f, "set_exception", &set_exception_fn);
        add_method(f, "add_done_callback", &add_done_callback_fn);
        add_method(f, "remove_done_callback", &remove_done_callback_fn);
        add_method(f, "get_loop", &get_loop_fn);
        Type* t = rt::task_type();
        add_method(t, "uncancel", &uncancel_fn);
        add_method(t, "cancelling", &cancelling_fn);
        add_method(t, "get_name", &get_name_fn);
        add_method(t, "set_name", &set_name_fn);
        add_method(t, "get_coro", &get_coro_fn);
        return true;
    }();
    (void)installed;
    vm.register_constructor(rt::future_type(), native("Future", &future_ctor));
    vm.register_constructor(rt::task_type(), native("Task", &task_ctor));
    m.add("Future", Value(rt::future_type()));
    m.add("Task", Value(rt::task_type()));
}

}  // namespace tl::script::aio
