// The Vm's lifetime, its entry points (module run, the call hook, generator and
// coroutine resumption), the run limits, exception context chaining and CPython-style
// traceback text.
#include "daemon/script/vm.h"

#include <malloc.h>

#include "daemon/object/str.h"
#include "daemon/runtime/future.h"
#include "daemon/runtime/task.h"
#include "daemon/script/async_gen.h"
#include "daemon/script/heap_budget.h"
#include "daemon/script/teardown.h"
#include "daemon/script/vm_internal.h"

namespace tl::script {

namespace {

thread_local Vm* g_vm = nullptr;

Outcome call_hook(const Value& callable, std::span<const Value> args, std::span<const KwArg> kwargs) {
    if (!g_vm) return Outcome::raise(make_exception(exc_types().TypeError, "object is not callable"));
    return g_vm->call(callable, args, kwargs);
}

bool callable_eq(const Value& a, const Value& b) {
    if (a.is(b)) return true;
    if (a.is_obj() && b.is_obj() && a.as_obj()->type() == bound_method_type() &&
        b.as_obj()->type() == bound_method_type()) {
        auto* x = a.obj_as<BoundMethod>();
        auto* y = b.obj_as<BoundMethod>();
        return x->function.is(y->function) && x->self.is(y->self);
    }
    Outcome o = equals(a, b);
    return o.ok() && o.value.is_bool() && o.value.as_bool();
}

// Generator methods (the iterator protocol plus send/throw/close): natives in the
// generator type's dict, receiving the generator as `self` or as args[0].
ScriptGen* gen_receiver(const Value& self, std::span<const Value>& args) {
    Value r = self;
    if (r.is_null() && !args.empty()) {
        r = args[0];
        args = args.subspan(1);
    }
    if (!r.is_obj() || r.as_obj()->type() != generator_type()) return nullptr;
    return static_cast<ScriptGen*>(r.as_obj());
}

Outcome gen_iter_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    ScriptGen* g = gen_receiver(self, args);
    if (!g) return Outcome::raise(make_exception(exc_types().TypeError, "expected a generator"));
    return Outcome::ok(Value(g));
}

Outcome gen_next_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    ScriptGen* g = gen_receiver(self, args);
    if (!g) return Outcome::raise(make_exception(exc_types().TypeError, "expected a generator"));
    return step_outcome(g, g->send(Value::none()));
}

Outcome gen_send_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    ScriptGen* g = gen_receiver(self, args);
    if (!g || args.size() != 1) return Outcome::raise(make_exception(exc_types().TypeError, "send() takes exactly one argument"));
    return step_outcome(g, g->send(args[0]));
}

Outcome gen_throw_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    ScriptGen* g = gen_receiver(self, args);
    if (!g || args.empty()) return Outcome::raise(make_exception(exc_types().TypeError, "throw() takes an exception"));
    Value e = args[0];
    if (e.is_obj() && e.as_obj()->type()->layout() == Layout::Type) {
        Outcome o = call_value(e, {});
        if (!o.ok()) return o;
        e = o.value;
    }
    if (!e.is_obj() || e.as_obj()->type()->layout() != Layout::Exception) {
        return Outcome::raise(make_exception(exc_types().TypeError, "exceptions must be classes or instances deriving from BaseException, not " + type_name(e)));
    }
    return step_outcome(g, g->throw_exc(ExcRef(e.obj_as<ExceptionObject>())));
}

Outcome gen_close_fn(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    ScriptGen* g = gen_receiver(self, args);
    if (!g) return Outcome::ok(Value::none());
    Vm* vm = Vm::current();
    if (!vm) {
        g->close();
        return Outcome::ok(Value::none());
    }
    return vm->close_gen(g);
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnonnull"
#pragma GCC diagnostic ignored "-Warray-bounds"
[[gnu::noinline]] void install_generator_methods() {
    Type* t = generator_type();
    t->dict()["__iter__"] = Value(new NativeFunction("__iter__", &gen_iter_fn, Value()));
    t->dict()["__next__"] = Value(new NativeFunction("__next__", &gen_next_fn, Value()));
    t->dict()["send"] = Value(new NativeFunction("send", &gen_send_fn, Value()));
    t->dict()["throw"] = Value(new NativeFunction("throw", &gen_throw_fn, Value()));
    t->dict()["close"] = Value(new NativeFunction("close", &gen_close_fn, Value()));
}
#pragma GCC diagnostic pop

}  // namespace

Vm* Vm::current() { return g_vm; }

Vm* Vm::swap_current(Vm* vm) {
    Vm* prev = g_vm;
    g_vm = vm;
    set_call_hook(vm ? &call_hook : nullptr);
    return prev;
}

Vm::Vm(rt::EventLoop* loop, PrintSink* sink, VmLimits limits)
    : loop_(loop), sink_(sink), limits_(limits), globals_(new Globals()) {
    static bool methods_installed = (install_generator_methods(), install_coroutine_methods(), true);
    (void)methods_installed;
    for (auto& [k, v] : tl::builtins()) builtins_[k] = v;
    builtins_["print"] = print_builtin();
    builtins_["super"] = super_builtin();
    install_descriptor_builtins(builtins_, constructors_);
    install_async_gen_builtins(builtins_);  // aiter, anext (async_gen.cpp)
    prev_vm_ = g_vm;
    g_vm = this;
    set_call_hook(&call_hook);
    rt::set_callable_eq_hook(&callable_eq);
    started_ = std::chrono::steady_clock::now();
    // The heap budget calls back on the allocating thread once the live bytes pass the
    // limit: the next tick() then takes the slow path and stops the run.
    prev_heap_limit_ = heap::set_limit(limits_.max_heap_bytes, [] {
        if (g_vm) g_vm->next_check_ = 0;
    });
    next_check_ = 4096;
}

Vm::~Vm() {
    // Finalisation (teardown.h): break the run's reference cycles so its heap is freed.
    // No Vm is current meanwhile, so what dies here runs no Python code and warns of
    // nothing (the objects it frees used to be leaked, never finalised).
    g_vm = nullptr;
    std::vector<Value> roots{Value(globals_.get())};
    for (auto& [name, m] : modules_) roots.push_back(m);
    for (rt::Task* t : loop_->live_tasks()) roots.push_back(Value(t));
    clear_run_heap(roots);
    bump_instance_attrs_epoch();  // the teardown cleared module namespaces
    g_vm = prev_vm_;
    if (!g_vm) set_call_hook(nullptr);
    // The enclosing Vm's heap limit again (its callback finds it through g_vm).
    heap::set_limit(prev_heap_limit_, prev_heap_limit_ ? heap::OverLimit([] {
        if (g_vm) g_vm->next_check_ = 0;
    }) : nullptr);
}

// ---- entry points ------------------------------------------------------------------------

Outcome Vm::run_module(const CodeRef& code, const std::string& module_name) {
    globals_->set("__name__", make_str(module_name));
    Frame* f = Frame::create(code.get(), nullptr, globals_);
    return run_frame_nested(f);
}

Outcome Vm::run_frame_nested(Frame* f) {
    f->back = current_;
    f->depth = current_ ? current_->depth + 1 : 1;
    f->nested_entry = true;
    if (f->depth > limits_.recursion_limit) {
        Frame::destroy(f);
        return Outcome::raise(make_exception(exc_types().RecursionError, "maximum recursion depth exceeded"));
    }
    rt::StepResult r = run_checked(f, f, Value::none(), nullptr);
    Frame::destroy(f);
    if (r.kind == rt::StepResult::Kind::Raise) return Outcome::raise(std::move(r.exc));
    return Outcome::ok(std::move(r.value));
}

Value Vm::wrap_gen(Frame* f) {
    CodeObject* c = f->code;
    Type* t = c->is_coroutine() ? rt::coroutine_type() : generator_type();
    std::string name = f->func ? f->func->name : c->name;
    std::string qualname = f->func ? f->func->qualname : c->qualname;
    if (c->is_coroutine() && c->is_generator()) {
        // An async generator: its frame runs in a plain generator that the
        // async_generator object (async_gen.h) drives.
        return make_async_gen(Ref<ScriptGen>(new ScriptGen(generator_type(), f, std::move(name), std::move(qualname))));
    }
    return Value(new ScriptGen(t, f, std::move(name), std::move(qualname)));
}

rt::StepResult Vm::resume(ScriptGen* g, Value sent, ExcRef thrown) {
    const auto& E = exc_types();
    Ref<ScriptGen> keep(g);
    bool coro = g->is_coroutine();
    switch (g->state) {
        case ScriptGen::State::Running:
            return rt::StepResult::raised(make_exception(E.ValueError, coro ? "coroutine already executing"
                                                                             : "generator already executing"));
        case ScriptGen::State::Done:
            // gen_send_ex2: an exhausted coroutine refuses send and throw alike; an
            // exhausted generator re-raises what is thrown in.
            if (coro) return rt::StepResult::raised(make_exception(E.RuntimeError, "cannot reuse already awaited coroutine"));
            if (thrown) return rt::StepResult::raised(std::move(thrown));
            return rt::StepResult::returned(Value::none());
        case ScriptGen::State::Created:
            if (!thrown && !sent.is_none()) {
                return rt::StepResult::raised(make_exception(
                    E.TypeError, std::string("can't send non-None value to a just-started ") + (coro ? "coroutine" : "generator")));
            }
            break;
        case ScriptGen::State::Suspended:
            break;
    }
    Frame* top = g->top ? g->top : g->frame;
    g->top = nullptr;  // inner frames may finish while running: only `frame` stays valid
    g->state = ScriptGen::State::Running;
    g->frame->back = current_;
    g->frame->depth = current_ ? current_->depth + 1 : 1;
    rt::StepResult r = run_checked(g->frame, top, std::move(sent), std::move(thrown));
    if (r.kind == rt::StepResult::Kind::Yield) {
        g->state = ScriptGen::State::Suspended;
        g->top = yield_top_ == g->frame ? nullptr : yield_top_;
        g->frame->back = nullptr;
        return r;
    }
    g->state = ScriptGen::State::Done;
    g->top = nullptr;
    if (g->frame) {
        Frame* f = g->frame;
        g->frame = nullptr;
        Frame::destroy(f);
    }
    return r;
}

// gen_close (genobject.c): a suspended generator/coroutine gets GeneratorExit thrown in at
// the point where it waits, so its `finally` blocks and `with` exits run; one that was never
// started is simply finished. A frame that catches GeneratorExit and yields again is an error.
Outcome Vm::close_gen(ScriptGen* g) {
    const auto& E = exc_types();
    bool coro = g->is_coroutine();
    switch (g->state) {
        case ScriptGen::State::Done:
            return Outcome::ok(Value::none());
        case ScriptGen::State::Running:
            return Outcome::raise(make_exception(E.ValueError, coro ? "coroutine already executing"
                                                                    : "generator already executing"));
        case ScriptGen::State::Created:
            drop_gen_frames(g);
            return Outcome::ok(Value::none());
        case ScriptGen::State::Suspended:
            break;
    }
    Ref<ScriptGen> keep(g);
    rt::StepResult r = resume(g, Value::none(), make_exception(E.GeneratorExit, std::vector<Value>{}));
    switch (r.kind) {
        case rt::StepResult::Kind::Yield:
            return Outcome::raise(make_exception(E.RuntimeError, coro ? "coroutine ignored GeneratorExit"
                                                                      : "generator ignored GeneratorExit"));
        case rt::StepResult::Kind::Return:
            if (loop_->semantics().close_returns_value()) return Outcome::ok(std::move(r.value));
            return Outcome::ok(Value::none());
        case rt::StepResult::Kind::Raise:
            if (r.exc->is_instance(E.GeneratorExit) || r.exc->is_instance(E.StopIteration)) return Outcome::ok(Value::none());
            return Outcome::raise(std::move(r.exc));
    }
    return Outcome::ok(Value::none());
}

// Finishes a generator without running anything (never started, or closing failed).
void Vm::drop_gen_frames(ScriptGen* g) {
    g->state = ScriptGen::State::Done;
    g->top = nullptr;
    if (g->frame) {
        Frame* f = g->frame;
        g->frame = nullptr;
        Frame::destroy(f);
    }
}

Outcome Vm::gen_next(ScriptGen* g) {
    rt::StepResult r = resume(g, Value::none(), nullptr);
    if (r.kind == rt::StepResult::Kind::Raise) resumed_exc_ = r.exc;
    switch (r.kind) {
        case rt::StepResult::Kind::Yield: return Outcome::ok(std::move(r.value));
        case rt::StepResult::Kind::Return: return Outcome::ok(Value());
        case rt::StepResult::Kind::Raise: return Outcome::raise(std::move(r.exc));
    }
    return Outcome::ok(Value());
}

// ---- limits ------------------------------------------------------------------------------------

bool Vm::tick_slow() {
    if (limit_hit()) return false;
    next_check_ = steps_ + 4096;
    if (limits_.max_steps && steps_ > limits_.max_steps) {
        hit_limit("step limit reached: the scenario ran more than " + std::to_string(limits_.max_steps) +
                  " steps (--max-steps)");
        return false;
    }
    if (limits_.max_seconds > 0) {
        std::chrono::duration<double> d = std::chrono::steady_clock::now() - started_;
        if (d.count() > limits_.max_seconds) {
            hit_limit("time limit reached: the scenario ran longer than " + std::to_string(limits_.max_seconds) +
                      " seconds of wall-clock time (--timeout)");
            return false;
        }
    }
    if (limits_.max_heap_bytes) {
        // Exact and cheap: the bytes live through operator new (heap_budget.h). Memory
        // malloc'ed directly (libuv, C libraries) shows in mallinfo2, sampled less often.
        uint64_t used = heap::live_bytes();
        if ((steps_ & 0xffff) < 4096) {
            struct mallinfo2 mi = mallinfo2();
            used = std::max<uint64_t>(used, mi.uordblks + mi.hblkhd);
        }
        if (used > limits_.max_heap_bytes) {
            hit_limit(heap_limit_message());
            return false;
        }
    }
    return true;
}

std::string Vm::heap_limit_message() const {
    if (!limits_.max_heap_bytes) return "out of memory: an allocation failed";
    return "heap limit reached: the scenario uses more than " + std::to_string(limits_.max_heap_bytes >> 20) +
           " MiB (--max-heap)";
}

rt::StepResult Vm::run_checked(Frame* entry, Frame* f, Value sent, ExcRef thrown) {
    Frame* saved_current = current_;
    int saved_native_depth = native_depth_;
    try {
        return run(entry, f, std::move(sent), std::move(thrown));
    } catch (const std::bad_alloc&) {
        // The frames between `entry` and the allocation are abandoned mid-instruction
        // (their values leak, nothing is freed twice); the run is over: every frame
        // that runs from now on raises the limit error at once.
        current_ = saved_current;
        native_depth_ = saved_native_depth;
        hit_limit(heap_limit_message());
        return rt::StepResult::raised(limit_exception());
    }
}

void Vm::hit_limit(std::string what) {
    if (limit_error_.empty()) limit_error_ = std::move(what);
    next_check_ = 0;  // every later tick() takes the slow path and sees the limit
}

ExcRef Vm::limit_exception() const {
    return make_exception(exc_types().RuntimeError, "tasklens: " + limit_error_);
}

// ---- exceptions ------------------------------------------------------------------------------

ExcRef Vm::topmost_exception() const {
    for (Frame* f = current_; f; f = f->back) {
        if (!f->exc_info.is_null() && !f->exc_info.is_none()) return ExcRef(f->exc_info.obj_as<ExceptionObject>());
    }
    return step_handled_exception();
}

ExcRef Vm::step_handled_exception() const {
    // Beneath the frames of a task step: what _PyTask.__wakeup is handling, if anything.
    rt::Task* t = loop_ ? loop_->current_task() : nullptr;
    return t ? t->wakeup_exc() : nullptr;
}

namespace {
// The cycle-cutting half of _PyErr_SetObject's implicit chaining: `handled` becomes e's
// __context__, and if e is already in handled's context chain the chain is cut there.
void set_context_from(const ExcRef& e, const ExcRef& handled) {
    if (!handled || handled.get() == e.get()) return;
    ExceptionObject* o = handled.get();
    while (o) {
        if (o->context.get() == e.get()) {
            o->context = nullptr;
            break;
        }
        o = o->context.get();
    }
    e->context = handled;
}
}  // namespace

void Vm::chain_context(const ExcRef& e, Frame* f) const {
    // _PyErr_SetObject: the exception being handled becomes __context__, unless that
    // would make a cycle (then the cycle is cut where it closes).
    for (Frame* p = f; p; p = p->back) {
        if (!p->exc_info.is_null() && !p->exc_info.is_none()) {
            set_context_from(e, ExcRef(p->exc_info.obj_as<ExceptionObject>()));
            return;
        }
    }
    set_context_from(e, step_handled_exception());
}

void Vm::chain_own_handled(const ExcRef& e, Frame* f) const {
    if (!e || f->exc_info.is_null() || f->exc_info.is_none()) return;
    set_context_from(e, ExcRef(f->exc_info.obj_as<ExceptionObject>()));
}

ExcRef Vm::stop_iteration_to_runtime_error(ExcRef e, ScriptGen* g) {
    // PEP 479: StopIteration must not leak out of a generator or coroutine.
    if (!e || !e->is_instance(exc_types().StopIteration)) return e;
    ExcRef r = make_exception(exc_types().RuntimeError,
                              g->is_coroutine() ? "coroutine raised StopIteration" : "generator raised StopIteration");
    r->cause = e;
    r->context = e;
    r->suppress_context = true;
    return r;
}

namespace {

std::string exception_line(const ExceptionObject& e) {
    const Type* t = e.type();
    std::string name = t->qualname.empty() ? t->name() : t->qualname;
    if (t->module != "builtins" && t->module != "__main__") name = t->module + "." + name;
    std::string s = exception_str(e);
    return s.empty() ? name : name + ": " + s;
}

void format_one(const ExceptionObject& e, std::string& out, int depth) {
    if (depth > 50) return;
    if (e.cause) {
        format_one(*e.cause, out, depth + 1);
        out += "\nThe above exception was the direct cause of the following exception:\n\n";
    } else if (e.context && !e.suppress_context) {
        format_one(*e.context, out, depth + 1);
        out += "\nDuring handling of the above exception, another exception occurred:\n\n";
    }
    if (!e.traceback.empty()) {
        out += "Traceback (most recent call last):\n";
        for (auto& tb : e.traceback) {
            out += "  File \"" + tb.file + "\", line " + std::to_string(tb.line) + ", in " + tb.function + "\n";
        }
    }
    out += exception_line(e) + "\n";
}

}  // namespace

std::string Vm::format_traceback(const ExceptionObject& e) {
    std::string out;
    format_one(e, out, 0);
    return out;
}

// ---- helpers shared by the VM files --------------------------------------------------------------

ExcRef unbound_cell_error(const CodeObject* code, uint32_t index) {
    bool is_cellvar = index < code->cellvars.size();
    const std::string& n = is_cellvar ? code->cellvars[index] : code->freevars[index - code->cellvars.size()];
    if (is_cellvar) {
        return make_exception(exc_types().UnboundLocalError,
                              "cannot access local variable '" + n + "' where it is not associated with a value");
    }
    return make_exception(exc_types().NameError,
                          "cannot access free variable '" + n + "' where it is not associated with a value in enclosing scope");
}

std::string type_name_of(const Value& v) { return type_of(v)->name(); }

}  // namespace tl::script
