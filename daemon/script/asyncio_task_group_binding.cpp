// asyncio.TaskGroup over rt::TaskGroup: the async context manager protocol and
// create_task(coro, *, name=None).
#include "daemon/runtime/task_group.h"
#include "daemon/script/asyncio_binding.h"

namespace tl::script::aio {

namespace {

rt::TaskGroup* as_group(const Value& v) {
    if (!v.is_obj() || v.as_obj()->type() != rt::task_group_type()) return nullptr;
    return v.obj_as<rt::TaskGroup>();
}

Outcome ctor(const Value&, Args args, Kwargs) {
    if (!args.empty()) return raise_type_error("TaskGroup() takes no arguments");
    return Outcome::ok(Value(rt::make_task_group(loop())));
}

Outcome aenter_fn(const Value& self, Args args, Kwargs) {
    rt::TaskGroup* g = as_group(receiver(self, args));
    if (!g) return raise_type_error("descriptor '__aenter__' requires a 'TaskGroup' object");
    return Outcome::ok(Value(g->aenter()));
}

Outcome aexit_fn(const Value& self, Args args, Kwargs) {
    rt::TaskGroup* g = as_group(receiver(self, args));
    if (!g) return raise_type_error("descriptor '__aexit__' requires a 'TaskGroup' object");
    ExcRef exc;
    if (args.size() >= 2 && args[1].is_obj() && args[1].as_obj()->type()->layout() == Layout::Exception) {
        exc = ExcRef(args[1].obj_as<ExceptionObject>());
    }
    return Outcome::ok(Value(g->aexit(exc)));
}

Outcome create_task_fn(const Value& self, Args args, Kwargs kw) {
    rt::TaskGroup* g = as_group(receiver(self, args));
    if (!g) return raise_type_error("descriptor 'create_task' requires a 'TaskGroup' object");
    if (args.size() != 1) return raise_type_error("create_task() takes exactly one positional argument");
    if (!is_coroutine(args[0])) return raise_type_error("a coroutine was expected, got " + repr_string(args[0]));
    std::optional<std::string> name;
    if (const Value* n = kwarg(kw, "name"); n && !n->is_none()) name = str_string(*n);
    // TaskGroup.create_task goes through loop.create_task: an eager task factory starts
    // the child eagerly (other Python factories are not consulted here).
    bool eager = is_eager_factory(Vm::current()->task_factory);
    return g->create_task(Ref<rt::Coroutine>(args[0].obj_as<rt::Coroutine>()), name, eager);
}

// TaskGroup.__repr__ (taskgroups.py): "<TaskGroup tasks=2 entered>"
Outcome repr_fn(const Value& self, Args args, Kwargs) {
    rt::TaskGroup* g = as_group(receiver(self, args));
    if (!g) return raise_type_error("descriptor '__repr__' requires a 'TaskGroup' object");
    return Outcome::ok(make_str(g->repr()));
}

}  // namespace

void bind_task_group(ModuleObject& m, Vm& vm) {
    static bool installed = [] {
        Type* t = rt::task_group_type();
        add_method(t, "__aenter__", &aenter_fn);
        add_method(t, "__aexit__", &aexit_fn);
        add_method(t, "create_task", &create_task_fn);
        add_method(t, "__repr__", &repr_fn);
        return true;
    }();
    (void)installed;
    vm.register_constructor(rt::task_group_type(), native("TaskGroup", &ctor));
    m.add("TaskGroup", Value(rt::task_group_type()));
}

}  // namespace tl::script::aio
