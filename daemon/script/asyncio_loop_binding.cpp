// The event loop object scenarios get from asyncio.get_running_loop(): time(),
// call_soon/call_later/call_at with Python callbacks (errors go to the loop's exception
// handler, as Handle._run does), create_future(), create_task(); and the Handle/TimerHandle
// methods cancel(), cancelled(), when().
#include "daemon/runtime/future.h"
#include "daemon/runtime/task.h"
#include "daemon/script/asyncio_binding.h"

namespace tl::script::aio {

namespace {

Type* loop_type() {
    static Type* t = [] {
        auto* ty = new Type("_UnixSelectorEventLoop", {}, Layout::Other);
        ty->module = "asyncio.unix_events";
        ty->make_immortal();
        return ty;
    }();
    return t;
}

class LoopObject : public Object {
public:
    LoopObject() : Object(loop_type()) {}
};

// Handle._run: call the callback; an exception is reported, never propagated.
Ref<rt::Handle> schedule(double when, bool timer, Value cb, std::vector<Value> cb_args) {
    rt::EventLoop* lp = &loop();
    auto run = [cb = std::move(cb), cb_args = std::move(cb_args), lp]() {
        Outcome o = call_value(cb, cb_args);
        if (!o.ok()) lp->report_callback_error("Exception in callback " + repr_string(cb), o.exc);
    };
    if (timer) return Ref<rt::Handle>(lp->call_at_fn(when, std::move(run)));
    return lp->call_soon_fn(std::move(run));
}

Outcome time_fn(const Value&, Args, Kwargs) { return Outcome::ok(Value::floating(loop().time())); }

Outcome call_soon_fn(const Value& self, Args args, Kwargs) {
    receiver(self, args);
    if (args.empty()) return raise_type_error("call_soon() missing 1 required positional argument: 'callback'");
    return Outcome::ok(Value(schedule(0, false, args[0], std::vector<Value>(args.begin() + 1, args.end()))));
}

Outcome call_later_fn(const Value& self, Args args, Kwargs) {
    receiver(self, args);
    if (args.size() < 2) return raise_type_error("call_later() missing required arguments: 'delay' and 'callback'");
    std::optional<double> d;
    ExcRef err;
    if (!to_seconds(args[0], d, false, err)) return Outcome::raise(err);
    return Outcome::ok(Value(schedule(loop().time() + *d, true, args[1], std::vector<Value>(args.begin() + 2, args.end()))));
}

Outcome call_at_fn(const Value& self, Args args, Kwargs) {
    receiver(self, args);
    if (args.size() < 2) return raise_type_error("call_at() missing required arguments: 'when' and 'callback'");
    std::optional<double> w;
    ExcRef err;
    if (!to_seconds(args[0], w, false, err)) return Outcome::raise(err);
    return Outcome::ok(Value(schedule(*w, true, args[1], std::vector<Value>(args.begin() + 2, args.end()))));
}

Outcome create_future_fn(const Value&, Args, Kwargs) { return Outcome::ok(Value(new rt::Future(&loop()))); }

Outcome create_task_fn(const Value& self, Args args, Kwargs kw) {
    receiver(self, args);
    if (args.size() != 1 || !is_coroutine(args[0])) {
        return raise_type_error("a coroutine was expected, got " + (args.empty() ? std::string("nothing") : repr_string(args[0])));
    }
    std::optional<std::string> name;
    if (const Value* n = kwarg(kw, "name"); n && !n->is_none()) name = str_string(*n);
    Ref<rt::Coroutine> coro(args[0].obj_as<rt::Coroutine>());
    if (const Value& f = Vm::current()->task_factory; !f.is_null()) return create_task_with_factory(f, std::move(coro), name);
    return Outcome::ok(Value(rt::create_task(loop(), std::move(coro), name)));
}

Outcome is_running_fn(const Value&, Args, Kwargs) { return Outcome::ok(Value::boolean(Vm::current()->loop_running)); }

Outcome get_running_loop_fn(const Value&, Args, Kwargs) {
    if (ExcRef e = require_running()) return Outcome::raise(e);
    return Outcome::ok(loop_object());
}

Outcome handle_cancel_fn(const Value& self, Args args, Kwargs) {
    Value me = receiver(self, args);
    me.obj_as<rt::Handle>()->cancel();
    return Outcome::ok(Value::none());
}
Outcome handle_cancelled_fn(const Value& self, Args args, Kwargs) {
    Value me = receiver(self, args);
    return Outcome::ok(Value::boolean(me.obj_as<rt::Handle>()->cancelled()));
}
Outcome handle_when_fn(const Value& self, Args args, Kwargs) {
    Value me = receiver(self, args);
    return Outcome::ok(Value::floating(me.obj_as<rt::TimerHandle>()->when()));
}

}  // namespace

Value loop_object() {
    static Value the_loop(new LoopObject());
    return the_loop;
}

void bind_loop(ModuleObject& m, Vm&) {
    static bool installed = [] {
        Type* t = loop_type();
        add_method(t, "time", &time_fn);
        add_method(t, "call_soon", &call_soon_fn);
        add_method(t, "call_later", &call_later_fn);
        add_method(t, "call_at", &call_at_fn);
        add_method(t, "create_future", &create_future_fn);
        add_method(t, "create_task", &create_task_fn);
        add_method(t, "is_running", &is_running_fn);
        add_method(t, "set_task_factory", &set_task_factory_fn);
        add_method(t, "get_task_factory", &get_task_factory_fn);
        add_method(rt::handle_type(), "cancel", &handle_cancel_fn);
        add_method(rt::handle_type(), "cancelled", &handle_cancelled_fn);
        add_method(rt::timer_handle_type(), "cancel", &handle_cancel_fn);
        add_method(rt::timer_handle_type(), "cancelled", &handle_cancelled_fn);
        add_method(rt::timer_handle_type(), "when", &handle_when_fn);
        return true;
    }();
    (void)installed;
    m.add("get_running_loop", native("get_running_loop", &get_running_loop_fn));
    m.add("get_event_loop", native("get_event_loop", &get_running_loop_fn));
}

}  // namespace tl::script::aio
