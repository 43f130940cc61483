// The scenario interpreter: runs code objects on heap frames. One Vm per run; it owns
// the module globals, the builtins and the imported modules, installs itself as the
// object model's call hook (so ops.h and the runtime can call Python functions), and
// enforces the run's limits (steps, wall clock, recursion depth, heap size).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "daemon/object/ops.h"
#include "daemon/runtime/coroutine.h"
#include "daemon/runtime/event_loop.h"
#include "daemon/script/function.h"
#include "daemon/script/opcodes.h"

namespace tl::script {

// Where print() and sys.stdout.write() go: one call per output call, text as printed
// (sep and end applied). The run command turns these into `print` trace events.
class PrintSink {
public:
    virtual ~PrintSink() = default;
    virtual void write_out(std::string_view text) = 0;
    virtual void write_err(std::string_view text) = 0;
};

struct VmLimits {
    uint64_t max_steps = 2'000'000'000;   // backward jumps + calls; 0: unlimited
    double max_seconds = 600.0;           // wall clock; 0: unlimited
    int recursion_limit = 1000;           // Python frames in one chain (sys.getrecursionlimit)
    int native_depth_limit = 300;         // nested C++ re-entries (key functions, callbacks)
    uint64_t max_heap_bytes = 4ull << 30; // bytes malloc'ed by the process; 0: unlimited
};

class Vm {
public:
    Vm(rt::EventLoop* loop, PrintSink* sink, VmLimits limits = {});
    ~Vm();
    Vm(const Vm&) = delete;
    Vm& operator=(const Vm&) = delete;

    // The Vm running on this thread (the call hook's target).
    static Vm* current();
    // Makes `vm` the current Vm (or none) and returns the previous one: the daemon runs
    // many sessions on one thread and activates each one's Vm around its slice.
    static Vm* swap_current(Vm* vm);
    // Restarts the wall-clock limit's count (max_seconds): a session counts it per slice,
    // so a paused or sleeping session is never stopped by it.
    void restart_wall_clock() { started_ = std::chrono::steady_clock::now(); }

    // Runs a module body with `__name__` = module_name; the module's globals persist.
    Outcome run_module(const CodeRef& code, const std::string& module_name);
    Globals& globals() { return *globals_; }

    // Calls any Python callable from C++ (the call hook): pushes a frame and runs a
    // nested dispatch loop for script functions.
    Outcome call(const Value& callable, std::span<const Value> args, std::span<const KwArg> kwargs = {});

    // Resumes a generator or coroutine (send/throw); the VM side of ScriptGen.
    rt::StepResult resume(ScriptGen* g, Value sent, ExcRef thrown);
    Outcome close_gen(ScriptGen* g);
    // A native method that resumed a generator/coroutine hands on what it raised: the
    // caller's frame then does not chain it again (see resumed_exc_).
    void note_resumed_exception(ExcRef e) { resumed_exc_ = std::move(e); }
    // The default warnings filter's registry: true the first time `key` (message, file
    // and line) is warned about in this run, false after.
    bool warn_once(const std::string& key) { return warned_.insert(key).second; }
    void drop_gen_frames(ScriptGen* g);

    rt::EventLoop* loop() const { return loop_; }
    // asyncio.run() is running the loop (get_running_loop works, asyncio.run refuses).
    bool loop_running = false;
    // Set when the scenario itself called asyncio.run() at module level.
    bool scenario_ran_loop = false;
    // loop.set_task_factory(): Null for none (asyncio_task_factory_binding.cpp).
    Value task_factory;
    rt::PyVersion version() const { return loop_->semantics().version; }

    PrintSink* sink() const { return sink_; }
    const VmLimits& limits() const { return limits_; }

    // A limit ended the run: every frame that runs afterwards raises at once, and no
    // handler can catch it.
    bool limit_hit() const { return !limit_error_.empty(); }
    const std::string& limit_error() const { return limit_error_; }
    uint64_t steps() const { return steps_; }

    // The innermost running frame (for super(), context chaining and recursion depth).
    Frame* current_frame() const { return current_; }

    // Names every module imports; `import x` looks here.
    std::unordered_map<std::string, Value>& modules() { return modules_; }
    Outcome import_module(const std::string& name);
    const std::unordered_map<std::string, Value>& builtins() const { return builtins_; }

    // What calling a builtin or runtime type does (asyncio.Future(), Timeout(…), int(…)):
    // a native function taking the call's arguments. Scenario classes need none.
    void register_constructor(const Type* t, Value fn) { constructors_[t] = std::move(fn); }

    // The exception being handled, walking the running frames outwards (sys.exc_info()).
    ExcRef topmost_exception() const;
    // The handled exception beneath all frames: the running task's Task::wakeup_exc().
    ExcRef step_handled_exception() const;

    // Formats a traceback as CPython prints it, for an uncaught exception.
    static std::string format_traceback(const ExceptionObject& e);

private:
    friend class ScriptGen;
    enum class Mode : uint8_t { Send, Throw };

    // The dispatch loop. Runs `f` (whose chain ends at `entry`) until `entry` returns
    // or raises, or something in the chain yields.
    rt::StepResult run(Frame* entry, Frame* f, Value sent, ExcRef thrown);
    // run() that turns an allocation refused by the heap budget (std::bad_alloc) into the
    // heap-limit error instead of letting it unwind out of the VM.
    rt::StepResult run_checked(Frame* entry, Frame* f, Value sent, ExcRef thrown);

    // Argument binding (CPython's _PyEval_MakeFrame rules and messages).
    Frame* make_frame(FunctionObject* fn, std::span<const Value> args, std::span<const KwArg> kwargs,
                      ExcRef& err);
    Frame* make_frame_fast(FunctionObject* fn, Value* args, size_t n, ExcRef& err);
    // Calling a function object: a generator/coroutine object, or run to completion.
    Outcome call_function(FunctionObject* fn, std::span<const Value> args, std::span<const KwArg> kwargs);
    Outcome call_type(Type* t, std::span<const Value> args, std::span<const KwArg> kwargs);
    Outcome run_frame_nested(Frame* f);
    Value wrap_gen(Frame* f);

    Outcome build_class(const Value& body, const Value& name, const Value& bases);
    Outcome make_super(Frame* f, std::span<const Value> args);
    Outcome getattr(const Value& obj, const std::string& name);
    Outcome super_getattr(SuperObject* s, const std::string& name);
    Outcome format_value(Value v, uint32_t flags, const Value* spec);
    Outcome get_awaitable(const Value& v);
    Outcome check_exc_match(const Value& exc, const Value& type);
    Outcome prep_reraise_star(const Value& orig, const Value& raised_list);

    // Helpers of the dispatch loop (vm_call.cpp, vm_support.cpp).
    struct CallSite {
        Value* base;            // first stack slot of the call (the callable)
        Value callable;
        Value* args;
        size_t nargs;
        Value native_self;      // a type-dict NativeFunction called as a method
        std::vector<KwArg> kwargs;
        Value kw_holder;        // keeps the kwnames tuple / kwargs dict alive
        bool args_on_stack = true;  // args may be moved from (CALL_EX's come from a tuple)
        bool ex_error = false;
        Outcome ex_outcome;
    };
    CallSite call_site(Op op, uint32_t arg, Value* sp);
    Outcome invoke(CallSite& cs, Frame* f, Frame*& push);
    Outcome load_method(const Value& obj, const std::string& name, Value& self);
    Outcome setattr_value(const Value& obj, const std::string& name, Value v);
    Outcome gen_next(ScriptGen* g);
    Outcome call_dunder(const Value& obj, const char* name, const char* error_prefix);
    Outcome enter_context(const Value& ctx, bool async, Value& exit_fn);
    Outcome eg_match(const Value& eg, const Value& type);
    Outcome make_raise(uint32_t argc, Value*& sp, Frame* f, ExcRef& out);
    Outcome import_from(const Value& module, const std::string& name);
    Outcome collection_add(Op op, Value& target, const Value& item, Value* sp);
    Outcome unpack(const Value& seq, bool starred, uint32_t arg, std::vector<Value>& out);
    ExcRef stop_iteration_to_runtime_error(ExcRef e, ScriptGen* g);

    // Limits: counted at backward jumps and calls.
    // The common case (no check due) stays inline in the dispatch loop.
    bool tick() { return ++steps_ < next_check_ ? true : tick_slow(); }
    bool tick_slow();
    void hit_limit(std::string what);
    std::string heap_limit_message() const;
    ExcRef limit_exception() const;

    // Sets __context__ (with cycle breaking) as _PyErr_SetObject does.
    void chain_context(const ExcRef& e, Frame* f) const;
    // _PyErr_ChainStackItem (errors.c), run by gen_send_ex when an exception is thrown
    // into a generator: only the generator's own handled exception (gi_exc_state) is
    // looked at; when it has none, nothing is chained.
    void chain_own_handled(const ExcRef& e, Frame* f) const;

    rt::EventLoop* loop_;
    PrintSink* sink_;
    VmLimits limits_;
    Ref<Globals> globals_;
    std::unordered_map<std::string, Value> builtins_;
    std::unordered_map<std::string, Value> modules_;
    std::unordered_map<const Type*, Value> constructors_;
    Frame* current_ = nullptr;
    Frame* yield_top_ = nullptr;  // the frame that yielded, set by run()
    int native_depth_ = 0;
    uint64_t steps_ = 0;
    uint64_t throw_epochs_ = 0;  // numbers each throw-resumption (Frame::throw_epoch)
    // What the last generator/coroutine resumption raised: its __context__ was settled
    // inside the generator's frames (CPython chains at raise time, there), so the call
    // that hands it on (next(), send(), throw(), a for loop) must not chain it again.
    ExcRef resumed_exc_;
    std::unordered_set<std::string> warned_;
    uint64_t next_check_ = 0;
    std::chrono::steady_clock::time_point started_;
    std::string limit_error_;
    Vm* prev_vm_ = nullptr;
    uint64_t prev_heap_limit_ = 0;  // heap::limit() before this Vm set its own
    CallHook prev_hook_ = nullptr;
};

// The builtins the VM adds to ops.h's builtins(): print, super, __build_class__-free
// class creation lives in the VM; these are the callables the dispatch loop knows.
Value print_builtin();
Value super_builtin();

// The `ascii()` conversion of f-strings (!a): repr with non-ASCII escaped.
std::string ascii_of(const std::string& repr);

}  // namespace tl::script
