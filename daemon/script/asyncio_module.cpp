// `import asyncio`: the module object over daemon/runtime — asyncio.run, create_task,
// sleep, current_task, all_tasks, ensure_future, the exception types — plus the other
// importable modules (sys, time, random, __future__). The concept bindings live in
// asyncio_*_binding.cpp, one file each.
#include "daemon/object/containers.h"
#include "daemon/object/str.h"
#include "daemon/runtime/combinators.h"
#include "daemon/runtime/runner.h"
#include "daemon/runtime/sleep.h"
#include "daemon/runtime/task.h"
#include "daemon/script/asyncio_binding.h"

namespace tl::script {

namespace aio {
// NativeFunction's defaulted `self` argument trips GCC 12's -Wnonnull (a false positive
// on the moved-from Value's destructor), as core_types.cpp notes; hence the pragma.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnonnull"
#pragma GCC diagnostic ignored "-Warray-bounds"
[[gnu::noinline]] Value native(const char* name, NativeFunction::Fn fn) {
    return Value(new NativeFunction(name, fn, Value()));
}
#pragma GCC diagnostic pop
}  // namespace aio

using namespace aio;

namespace {

Outcome create_task_fn(const Value&, Args args, Kwargs kw) {
    if (ExcRef e = require_running()) return Outcome::raise(e);
    if (args.size() != 1) return raise_type_error("create_task() takes exactly one positional argument");
    if (!is_coroutine(args[0])) return raise_type_error("a coroutine was expected, got " + repr_string(args[0]));
    std::optional<std::string> name;
    if (const Value* n = kwarg(kw, "name"); n && !n->is_none()) name = str_string(*n);
    Ref<rt::Coroutine> coro(args[0].obj_as<rt::Coroutine>());
    // With a task factory set, loop.create_task's factory branch names the task the way
    // each version's asyncio.create_task + loop.create_task pair ends up naming it.
    if (const Value& f = Vm::current()->task_factory; !f.is_null()) return create_task_with_factory(f, std::move(coro), name);
    // asyncio.create_task (tasks.py): 3.11/3.12 create unnamed, then _set_task_name.
    if (loop().semantics().create_task_names_after_creation()) {
        Ref<rt::Task> t = rt::create_task(loop(), std::move(coro));
        if (name) t->set_name(std::move(*name));
        return Outcome::ok(Value(t));
    }
    return Outcome::ok(Value(rt::create_task(loop(), std::move(coro), name)));
}

Outcome sleep_fn(const Value&, Args args, Kwargs kw) {
    if (args.empty()) return raise_type_error("sleep() missing 1 required positional argument: 'delay'");
    std::optional<double> d;
    ExcRef err;
    if (!to_seconds(args[0], d, false, err)) return Outcome::raise(err);
    Value result = args.size() > 1 ? args[1] : Value::none();
    if (const Value* r = kwarg(kw, "result")) result = *r;
    return Outcome::ok(Value(rt::sleep(loop(), *d, result)));
}

Outcome current_task_fn(const Value&, Args, Kwargs) {
    if (ExcRef e = require_running()) return Outcome::raise(e);
    rt::Task* t = loop().current_task();
    return Outcome::ok(t ? Value(t) : Value::none());
}

Outcome all_tasks_fn(const Value&, Args, Kwargs) {
    if (ExcRef e = require_running()) return Outcome::raise(e);
    std::vector<Value> items;
    for (rt::Task* t : loop().live_tasks()) items.emplace_back(t);
    return make_set_checked(items);
}

Outcome ensure_future_fn(const Value&, Args args, Kwargs) {
    if (args.size() != 1) return raise_type_error("ensure_future() takes exactly one positional argument");
    if (!is_coroutine(args[0]) && !(args[0].is_obj() && args[0].as_obj()->type()->is_subtype(rt::future_type()))) {
        return raise_type_error("An asyncio.Future, a coroutine or an awaitable is required");
    }
    if (ExcRef e = require_running(); e && is_coroutine(args[0])) return Outcome::raise(e);
    return rt::ensure_future(loop(), args[0]);
}

Outcome iscoroutine_fn(const Value&, Args args, Kwargs) {
    return Outcome::ok(Value::boolean(!args.empty() && is_coroutine(args[0])));
}

// asyncio.run(coro) at module level: the scenario runs its own main (under the tracer
// this would be an import-time run, which it refuses; here it runs on the one loop).
Outcome run_fn(const Value&, Args args, Kwargs) {
    Vm* vm = Vm::current();
    if (vm->loop_running) {
        return Outcome::raise(make_exception(exc_types().RuntimeError, "asyncio.run() cannot be called from a running event loop"));
    }
    if (vm->scenario_ran_loop) {
        return Outcome::raise(make_exception(exc_types().RuntimeError, "tasklens runs one asyncio.run() per scenario"));
    }
    if (args.empty() || !is_coroutine(args[0])) {
        return Outcome::raise(make_exception(exc_types().ValueError, "a coroutine was expected, got " +
                                                                         (args.empty() ? std::string("nothing") : repr_string(args[0]))));
    }
    vm->scenario_ran_loop = true;
    vm->loop_running = true;
    rt::RunResult r = rt::run_virtual(loop(), Ref<rt::Coroutine>(args[0].obj_as<rt::Coroutine>()));
    vm->loop_running = false;
    if (r.status == rt::DoneState::Exception && r.exc) return Outcome::raise(r.exc);
    if (r.status == rt::DoneState::Cancelled) return Outcome::raise(make_exception(exc_types().CancelledError));
    return Outcome::ok(r.result.is_null() ? Value::none() : r.result);
}

Outcome monotonic_fn(const Value&, Args, Kwargs) { return Outcome::ok(Value::floating(loop().time())); }

Outcome sys_exit_fn(const Value&, Args args, Kwargs) {
    std::vector<Value> a(args.begin(), args.end());
    return Outcome::raise(make_exception(exc_types().SystemExit, std::move(a)));
}

Outcome stream_write_fn(const Value& self, Args args, Kwargs) {
    Value me = receiver(self, args);
    if (args.empty() || !str_of(args[0])) return raise_type_error("write() argument must be str");
    Vm* vm = Vm::current();
    bool err = me.is_obj() && me.obj_as<InstanceObject>()->attrs.count("_tl_stderr");
    if (vm->sink()) {
        if (err) vm->sink()->write_err(*str_of(args[0]));
        else vm->sink()->write_out(*str_of(args[0]));
    }
    return Outcome::ok(Value::integer(static_cast<int64_t>(str_of(args[0])->size())));
}

Outcome stream_flush_fn(const Value&, Args, Kwargs) { return Outcome::ok(Value::none()); }

Type* stream_type() {
    static Type* t = [] {
        auto* ty = new Type("TextIOWrapper", {}, Layout::Object);
        ty->module = "_io";
        ty->make_immortal();
        add_method(ty, "write", &stream_write_fn);
        add_method(ty, "flush", &stream_flush_fn);
        return ty;
    }();
    return t;
}

// random: CPython's Mersenne Twister (init_by_array seeding) so random.random() and
// randint() give CPython's numbers for an int seed.
struct MT {
    uint32_t mt[624];
    int index = 625;
    void init_genrand(uint32_t s) {
        mt[0] = s;
        for (index = 1; index < 624; ++index) mt[index] = 1812433253u * (mt[index - 1] ^ (mt[index - 1] >> 30)) + static_cast<uint32_t>(index);
    }
    void init_by_array(const std::vector<uint32_t>& key) {
        init_genrand(19650218u);
        size_t i = 1, j = 0, k = std::max<size_t>(624, key.size());
        for (; k; --k) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + static_cast<uint32_t>(j);
            ++i; ++j;
            if (i >= 624) { mt[0] = mt[623]; i = 1; }
            if (j >= key.size()) j = 0;
        }
        for (k = 623; k; --k) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - static_cast<uint32_t>(i);
            ++i;
            if (i >= 624) { mt[0] = mt[623]; i = 1; }
        }
        mt[0] = 0x80000000u;
        index = 624;
    }
    uint32_t genrand() {
        static const uint32_t mag01[2] = {0, 0x9908b0dfu};
        if (index >= 624) {
            int kk;
            for (kk = 0; kk < 624 - 397; ++kk) {
                uint32_t y = (mt[kk] & 0x80000000u) | (mt[kk + 1] & 0x7fffffffu);
                mt[kk] = mt[kk + 397] ^ (y >> 1) ^ mag01[y & 1];
            }
            for (; kk < 623; ++kk) {
                uint32_t y = (mt[kk] & 0x80000000u) | (mt[kk + 1] & 0x7fffffffu);
                mt[kk] = mt[kk + (397 - 624)] ^ (y >> 1) ^ mag01[y & 1];
            }
            uint32_t y = (mt[623] & 0x80000000u) | (mt[0] & 0x7fffffffu);
            mt[623] = mt[396] ^ (y >> 1) ^ mag01[y & 1];
            index = 0;
        }
        uint32_t y = mt[index++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }
    double random() {
        uint32_t a = genrand() >> 5, b = genrand() >> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }
    // Random._randbelow_with_getrandbits
    uint64_t getrandbits(int k) {
        if (k <= 32) return genrand() >> (32 - k);
        uint64_t lo = genrand();
        uint64_t hi = genrand() >> (64 - k);
        return (hi << 32) | lo;
    }
    uint64_t randbelow(uint64_t n) {
        int k = 64 - __builtin_clzll(n);
        uint64_t r = getrandbits(k);
        while (r >= n) r = getrandbits(k);
        return r;
    }
};

MT& rng() {
    static MT m;
    return m;
}

Outcome seed_fn(const Value&, Args args, Kwargs) {
    if (args.empty() || !args[0].is_int()) return raise_type_error("tasklens scenarios seed random with an int");
    uint64_t x = static_cast<uint64_t>(args[0].as_int() < 0 ? -args[0].as_int() : args[0].as_int());
    std::vector<uint32_t> key;
    while (x) { key.push_back(static_cast<uint32_t>(x)); x >>= 32; }
    if (key.empty()) key.push_back(0);
    rng().init_by_array(key);
    return Outcome::ok(Value::none());
}
Outcome random_fn(const Value&, Args, Kwargs) { return Outcome::ok(Value::floating(rng().random())); }
Outcome randint_fn(const Value&, Args args, Kwargs) {
    if (args.size() != 2 || !args[0].is_int() || !args[1].is_int()) return raise_type_error("randint() takes two ints");
    int64_t a = args[0].as_int(), b = args[1].as_int();
    if (b < a) return Outcome::raise(make_exception(exc_types().ValueError, "empty range in randrange(" + std::to_string(a) + ", " + std::to_string(b + 1) + ")"));
    return Outcome::ok(Value::integer(a + static_cast<int64_t>(rng().randbelow(static_cast<uint64_t>(b - a) + 1))));
}
Outcome uniform_fn(const Value&, Args args, Kwargs) {
    if (args.size() != 2) return raise_type_error("uniform() takes two numbers");
    std::optional<double> a, b;
    ExcRef err;
    if (!to_seconds(args[0], a, false, err) || !to_seconds(args[1], b, false, err)) return Outcome::raise(err);
    return Outcome::ok(Value::floating(*a + (*b - *a) * rng().random()));
}
Outcome choice_fn(const Value&, Args args, Kwargs) {
    if (args.size() != 1) return raise_type_error("choice() takes one sequence");
    Outcome n = tl::len(args[0]);
    if (!n.ok()) return n;
    if (n.value.as_int() == 0) return Outcome::raise(make_exception(exc_types().IndexError, "Cannot choose from an empty sequence"));
    return tl::getitem(args[0], Value::integer(static_cast<int64_t>(rng().randbelow(static_cast<uint64_t>(n.value.as_int())))));
}

}  // namespace

Value make_asyncio_module(Vm& vm) {
    const auto& E = exc_types();
    auto* m = new ModuleObject("asyncio");
    Value mv(m);
    m->add("__name__", make_str("asyncio"));
    m->add("run", native("run", &run_fn));
    m->add("create_task", native("create_task", &create_task_fn));
    m->add("sleep", native("sleep", &sleep_fn));
    m->add("current_task", native("current_task", &current_task_fn));
    m->add("all_tasks", native("all_tasks", &all_tasks_fn));
    m->add("ensure_future", native("ensure_future", &ensure_future_fn));
    m->add("iscoroutine", native("iscoroutine", &iscoroutine_fn));
    m->add("CancelledError", Value(E.CancelledError));
    m->add("TimeoutError", Value(E.TimeoutError));
    m->add("InvalidStateError", Value(E.InvalidStateError));
    m->add("QueueEmpty", Value(E.QueueEmpty));
    m->add("QueueFull", Value(E.QueueFull));
    if (vm.version() >= rt::PyVersion::V3_13) m->add("QueueShutDown", Value(E.QueueShutDown));
    m->add("LimitOverrunError", Value(E.LimitOverrunError));
    m->add("IncompleteReadError", Value(E.IncompleteReadError));
    bind_futures(*m, vm);
    bind_task_factory(*m, vm);
    bind_loop(*m, vm);
    bind_timeout(*m, vm);
    bind_task_group(*m, vm);
    bind_combinators(*m, vm);
    bind_locks(*m, vm);
    bind_queues(*m, vm);
    return mv;
}

Value make_sys_module(Vm& vm) {
    auto* m = new ModuleObject("sys");
    Value mv(m);
    int minor = static_cast<int>(vm.version()) - 300;
    m->add("__name__", make_str("sys"));
    m->add("version_info", make_tuple({Value::integer(3), Value::integer(minor), Value::integer(0),
                                       make_str("final"), Value::integer(0)}));
    m->add("exit", native("exit", &sys_exit_fn));
    Value out(new InstanceObject(stream_type()));
    Value err(new InstanceObject(stream_type()));
    instance_set_attr(*err.obj_as<InstanceObject>(), "_tl_stderr", Value::boolean(true));
    m->add("stdout", out);
    m->add("stderr", err);
    m->add("maxsize", Value::integer(INT64_MAX));
    return mv;
}

Value make_time_module(Vm&) {
    auto* m = new ModuleObject("time");
    Value mv(m);
    m->add("__name__", make_str("time"));
    // Scenario time is loop time: monotonic() and time() read the (virtual) loop clock.
    m->add("monotonic", native("monotonic", &monotonic_fn));
    m->add("perf_counter", native("perf_counter", &monotonic_fn));
    m->add("time", native("time", &monotonic_fn));
    return mv;
}

Value make_random_module(Vm&) {
    auto* m = new ModuleObject("random");
    Value mv(m);
    m->add("__name__", make_str("random"));
    m->add("seed", native("seed", &seed_fn));
    m->add("random", native("random", &random_fn));
    m->add("randint", native("randint", &randint_fn));
    m->add("uniform", native("uniform", &uniform_fn));
    m->add("choice", native("choice", &choice_fn));
    rng().init_by_array({0});
    return mv;
}

Value make_future_module(Vm&) {
    auto* m = new ModuleObject("__future__");
    Value mv(m);
    m->add("annotations", Value::none());
    return mv;
}

}  // namespace tl::script
