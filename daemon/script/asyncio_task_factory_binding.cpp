// Task factories (3.12+ for the eager ones): loop.set_task_factory/get_task_factory,
// asyncio.eager_task_factory and asyncio.create_eager_task_factory(ctor), and the
// factory branch of BaseEventLoop.create_task (base_events.py) that loop.create_task,
// asyncio.create_task and TaskGroup.create_task go through. An eager factory runs the
// task's first step inside create_task (rt::Task::eager_start); any other callable is
// called as factory(loop, coro) like CPython's legacy API.
#include "daemon/object/str.h"
#include "daemon/runtime/task.h"
#include "daemon/script/asyncio_binding.h"

namespace tl::script::aio {

namespace {

// tasks.create_eager_task_factory's inner `factory(loop, coro, *, name=None,
// context=None)`: custom_task_constructor(coro, loop=loop, name=name, eager_start=True).
// The constructor (NativeFunction::self) is asyncio.Task here: other constructors are
// not emulated, so this always builds a runtime Task.
Outcome eager_factory_fn(const Value& self, Args args, Kwargs kw) {
    (void)self;
    if (args.size() != 2) {
        return raise_type_error("factory() takes 2 positional arguments but " + std::to_string(args.size()) +
                                " were given");
    }
    if (!is_coroutine(args[1])) return raise_type_error("a coroutine was expected, got " + repr_string(args[1]));
    std::optional<std::string> name;
    if (const Value* n = kwarg(kw, "name"); n && !n->is_none()) name = str_string(*n);
    return Outcome::ok(Value(rt::create_task(loop(), Ref<rt::Coroutine>(args[1].obj_as<rt::Coroutine>()), name,
                                             /*eager_start=*/true)));
}

Value make_eager_factory(Value ctor) { return Value(new NativeFunction("factory", &eager_factory_fn, std::move(ctor))); }

// asyncio.create_eager_task_factory(custom_task_constructor)
Outcome create_eager_task_factory_fn(const Value&, Args args, Kwargs) {
    if (args.size() != 1) {
        return raise_type_error("create_eager_task_factory() takes 1 positional argument but " +
                                std::to_string(args.size()) + " were given");
    }
    return Outcome::ok(make_eager_factory(args[0]));
}

}  // namespace

bool is_eager_factory(const Value& factory) {
    return factory.is_obj() && factory.as_obj()->type() == native_function_type() &&
           factory.obj_as<NativeFunction>()->fn == &eager_factory_fn;
}

// BaseEventLoop.create_task with a task factory set. 3.11/3.12: factory(loop, coro), then
// tasks._set_task_name(task, name) (nothing for None); 3.13: factory(loop, coro), then
// task.set_name(name) even for None; 3.14: factory(loop, coro, name=name).
Outcome create_task_with_factory(const Value& factory, Ref<rt::Coroutine> coro, std::optional<std::string> name) {
    const rt::Semantics& sem = loop().semantics();
    bool pass_name = sem.at_least(rt::PyVersion::V3_14);
    Outcome o;
    if (is_eager_factory(factory)) {
        o = Outcome::ok(Value(rt::create_task(loop(), std::move(coro), pass_name ? name : std::nullopt,
                                              /*eager_start=*/true)));
    } else {
        std::vector<Value> args{loop_object(), Value(coro)};
        std::vector<KwArg> kwargs;
        if (pass_name && name) kwargs.push_back(KwArg{"name", make_str(*name)});
        o = call_value(factory, args, kwargs);
    }
    if (!o.ok() || pass_name) return o;
    if (o.value.is_obj() && o.value.as_obj()->type()->is_subtype(rt::task_type())) {
        auto* t = o.value.obj_as<rt::Task>();
        if (name) {
            t->set_name(*name);
        } else if (sem.task_factory_renames_to_none()) {
            t->set_name("None");
        }
    }
    return o;
}

Outcome set_task_factory_fn(const Value& self, Args args, Kwargs) {
    receiver(self, args);
    if (args.size() != 1) return raise_type_error("set_task_factory() takes exactly one argument");
    Value f = args[0];
    // CPython also refuses a non-callable here; this accepts it and the call fails later.
    Vm::current()->task_factory = f.is_none() ? Value() : f;
    return Outcome::ok(Value::none());
}

Outcome get_task_factory_fn(const Value& self, Args args, Kwargs) {
    receiver(self, args);
    const Value& f = Vm::current()->task_factory;
    return Outcome::ok(f.is_null() ? Value::none() : f);
}

void bind_task_factory(ModuleObject& m, Vm& vm) {
    if (!vm.loop()->semantics().has_eager_start()) return;  // 3.11: AttributeError, as CPython
    Value task_ctor = m.attrs.count("Task") ? m.attrs["Task"] : Value::none();
    m.add("eager_task_factory", make_eager_factory(task_ctor));
    m.add("create_eager_task_factory", native("create_eager_task_factory", &create_eager_task_factory_fn));
}

}  // namespace tl::script::aio
