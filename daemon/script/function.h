// The interpreter's own objects: module globals, cells, functions, generators and
// coroutines (script coroutines implement rt::Coroutine, so a Task drives them like any
// native coroutine), modules, and the frame every Python-level activation runs in.
#pragma once

#include <string>
#include <typeinfo>
#include <unordered_map>
#include <vector>

#include "daemon/object/object.h"
#include "daemon/object/ops.h"
#include "daemon/runtime/coroutine.h"
#include "daemon/script/code.h"

namespace tl::script {

Type* function_type();
Type* cell_type();
Type* generator_type();
Type* module_type();
Type* globals_type();
Type* super_type();

// A module's global namespace: names map to stable slots, so LOAD_GLOBAL caches a slot
// index per code object and never hashes again. A deleted name keeps its slot (Null).
class Globals : public Object {
public:
    Globals() : Object(globals_type()) {}
    int32_t slot_of(const std::string& name) {
        auto it = index.find(name);
        if (it != index.end()) return it->second;
        auto i = static_cast<int32_t>(slots.size());
        index.emplace(name, i);
        names.push_back(name);
        slots.emplace_back();
        return i;
    }
    Value get(const std::string& name) const {
        auto it = index.find(name);
        return it == index.end() ? Value() : slots[it->second];
    }
    void set(const std::string& name, Value v) { slots[slot_of(name)] = std::move(v); }

    std::unordered_map<std::string, int32_t> index;
    std::vector<std::string> names;
    std::vector<Value> slots;
};

class CellObject : public Object {
public:
    CellObject() : Object(cell_type()) {}
    explicit CellObject(Value v) : Object(cell_type()), value(std::move(v)) {}
    Value value;  // Null: empty cell
};
using CellRef = Ref<CellObject>;

class FunctionObject : public Object {
public:
    FunctionObject(CodeRef c, Ref<Globals> g) : Object(function_type()), code(std::move(c)), globals(std::move(g)) {
        name = code->name;
        qualname = code->qualname;
    }
    CodeRef code;
    Ref<Globals> globals;
    std::vector<Value> defaults;                            // for the last positional params
    std::vector<std::pair<std::string, Value>> kwdefaults;  // keyword-only defaults
    std::vector<CellRef> closure;                           // one per code->freevars
    std::string name;
    std::string qualname;
    std::string module = "__main__";
    Value attrs;  // a dict for f.attr = … (Null until used)
};

// An importable module (asyncio, sys, time, …): an instance whose attributes are its names.
class ModuleObject : public InstanceObject {
public:
    explicit ModuleObject(std::string n) : InstanceObject(module_type()), name(std::move(n)) {}
    ~ModuleObject() override { bump_instance_attrs_epoch(); }  // a new module may reuse its address
    void add(const std::string& attr, Value v) {
        if (!attrs.count(attr)) attr_order.push_back(attr);
        attrs[attr] = std::move(v);
    }
    std::string name;
};

// super(): the class to start after and the instance to bind to.
class SuperObject : public Object {
public:
    SuperObject(Type* start_after, Value self) : Object(super_type()), start_after(start_after), self(std::move(self)) {}
    Type* start_after;
    Value self;
};

class ScriptGen;

// One block of a frame's block stack: a protected region's handler, or an active
// exception handler with the exc_info it replaced.
struct Block {
    enum Kind : uint8_t { Setup, Handler };
    Kind kind;
    uint32_t handler;  // Setup: instruction to jump to
    uint32_t level;    // stack depth to restore
    Value saved_exc;   // Handler: exc_info before the handler started
};

// A Python activation on the heap: locals, cells, value stack and block stack live in
// one allocation after the header. Frames chain through `back` while running, so a
// coroutine awaiting a coroutine, or a function calling a function, needs no C++ stack.
struct Frame {
    static Frame* create(CodeObject* code, Ref<FunctionObject> func, Ref<Globals> globals);
    static void destroy(Frame* f);

    CodeObject* code;            // kept alive by `code_ref`
    CodeRef code_ref;
    Ref<FunctionObject> func;    // null for module and class bodies run directly
    Ref<Globals> globals;
    Value* fast;                 // code->varnames.size()
    CellRef* cells;              // cellvars then freevars
    Value* stack;                // code->max_stack
    Value* sp;
    Block* blocks;               // code->max_blocks
    int nblocks = 0;
    uint32_t ip = 0;             // next instruction when not running
    int depth = 1;
    Frame* back = nullptr;       // the frame this one returns (or yields) to while running
    ScriptGen* owner = nullptr;  // the generator/coroutine whose frame this is
    Value exc_info;              // the exception being handled in this frame (Null: none)
    Value delegate;              // what a suspended `await`/`yield from` waits on
    std::unordered_map<std::string, Value>* ns = nullptr;  // class body namespace
    Value init_self;             // __init__ frames pushed by a class call return this
    bool nested_entry = false;   // a C++ caller waits for this frame's result
    // Which throw-resumption this frame was on the delegation chain of (Vm::run): an
    // exception leaving it into an awaiter on the same chain is re-chained there, as
    // CPython's recursive _gen_throw does through gen_send_ex(exc=1).
    uint64_t throw_epoch = 0;

    size_t n_fast() const { return code->varnames.size(); }
    size_t n_cells() const { return code->cellvars.size() + code->freevars.size(); }
    int line() const { return code->line_at(ip == 0 ? 0 : ip - 1); }
};

// A generator or coroutine object: owns a frame that is resumed by send/throw. Script
// coroutines are what `async def` functions return; Tasks drive them through the
// rt::Coroutine interface.
class ScriptGen final : public rt::Coroutine {
public:
    enum class State : uint8_t { Created, Suspended, Running, Done };
    ScriptGen(Type* type, Frame* frame, std::string name, std::string qualname);
    ~ScriptGen() override;

    rt::StepResult send(Value value) override;
    rt::StepResult throw_exc(ExcRef exc) override;
    std::string qualname() const override { return qualname_; }
    rt::SourceLocation location() const override;
    rt::SourcePoint location_point() const override;
    void close() override;
    bool finished() const override { return state == State::Done; }

    bool is_coroutine() const { return type() == rt::coroutine_type(); }
    const std::string& name() const { return name_; }

    State state = State::Created;
    Frame* frame;          // owned; null once finished
    Frame* top = nullptr;  // innermost frame of the chain while suspended inside a delegate
    bool awaited = false;  // already being awaited by another frame

private:
    std::string name_;
    std::string qualname_;
};

// The ScriptGen behind a runtime coroutine or object, or null: an exact type test
// (ScriptGen is final), far cheaper than dynamic_cast on the await path.
inline ScriptGen* script_gen_of(Object* o) {
    return o && typeid(*o) == typeid(ScriptGen) ? static_cast<ScriptGen*>(o) : nullptr;
}

}  // namespace tl::script
