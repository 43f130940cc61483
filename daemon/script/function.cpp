// The interpreter's object types and heap frames: one allocation per frame holding the
// header, locals, cells, value stack and block stack.
#include "daemon/script/function.h"

#include <fstream>
#include <new>
#include <string>
#include <vector>

#include "daemon/object/missing_attribute.h"
#include "daemon/script/vm.h"

namespace tl::script {

namespace {
Type* immortal_type(const char* name, Layout layout) {
    auto* t = new Type(name, {}, layout);
    t->make_immortal();
    return t;
}
}  // namespace

Type* code_type() {
    static Type* t = immortal_type("code", Layout::Other);
    return t;
}
Type* function_type() {
    static Type* t = [] {
        Type* ty = immortal_type("function", Layout::Function);
        set_binds_as_method(ty, true);
        return ty;
    }();
    return t;
}
Type* cell_type() {
    static Type* t = immortal_type("cell", Layout::Other);
    return t;
}
Type* generator_type() {
    static Type* t = immortal_type("generator", Layout::Other);
    return t;
}
Type* module_type() {
    static Type* t = [] {
        Type* ty = immortal_type("module", Layout::Object);
        // module_getattro (moduleobject.c) names the module in its AttributeError.
        set_missing_attribute_message(ty, [](const Value& obj, std::string_view name) {
            return "module '" + static_cast<const ModuleObject*>(obj.as_obj())->name + "' has no attribute '" +
                   std::string(name) + "'";
        });
        return ty;
    }();
    return t;
}
Type* globals_type() {
    static Type* t = immortal_type("dict", Layout::Other);
    return t;
}
Type* super_type() {
    static Type* t = immortal_type("super", Layout::Other);
    return t;
}

namespace {
// Frame memory is recycled by size class (64-byte steps up to 4 KiB): a call-heavy
// scenario allocates and frees a frame per Python call, and malloc/free showed up as
// ~10% of bench/cpu_bound.py. Blocks are raw memory; create/destroy run the
// constructors and destructors as before.
constexpr size_t kFrameClassBytes = 64;
constexpr size_t kFrameClasses = 64;
constexpr size_t kFramesPerClass = 256;
struct FramePool {
    std::vector<void*> free[kFrameClasses];
};
// Never destroyed: generators torn down by static destructors may still return frames.
FramePool& frame_pool() {
    static FramePool* pool = new FramePool;
    return *pool;
}
size_t frame_class(size_t bytes) { return (bytes + kFrameClassBytes - 1) / kFrameClassBytes; }
size_t frame_bytes(const CodeObject* code) {
    size_t nfast = code->varnames.size();
    size_t ncells = code->cellvars.size() + code->freevars.size();
    size_t nstack = static_cast<size_t>(code->max_stack);
    size_t nblocks = static_cast<size_t>(code->max_blocks);
    return sizeof(Frame) + (nfast + nstack) * sizeof(Value) + ncells * sizeof(CellRef) + nblocks * sizeof(Block);
}
void* frame_alloc(size_t bytes) {
    size_t c = frame_class(bytes);
    if (c < kFrameClasses) {
        auto& v = frame_pool().free[c];
        if (!v.empty()) {
            void* p = v.back();
            v.pop_back();
            return p;
        }
        return ::operator new(c * kFrameClassBytes);
    }
    return ::operator new(bytes);
}
void frame_free(void* p, size_t bytes) {
    size_t c = frame_class(bytes);
    if (c < kFrameClasses) {
        auto& v = frame_pool().free[c];
        if (v.size() < kFramesPerClass) {
            v.push_back(p);
            return;
        }
    }
    ::operator delete(p);
}
}  // namespace

Frame* Frame::create(CodeObject* code, Ref<FunctionObject> func, Ref<Globals> globals) {
    size_t nfast = code->varnames.size();
    size_t ncells = code->cellvars.size() + code->freevars.size();
    size_t nstack = static_cast<size_t>(code->max_stack);
    size_t nblocks = static_cast<size_t>(code->max_blocks);
    void* mem = frame_alloc(frame_bytes(code));
    Frame* f = new (mem) Frame();
    auto* p = reinterpret_cast<char*>(f + 1);
    f->fast = reinterpret_cast<Value*>(p);
    for (size_t i = 0; i < nfast; ++i) new (&f->fast[i]) Value();
    p += nfast * sizeof(Value);
    f->stack = reinterpret_cast<Value*>(p);
    for (size_t i = 0; i < nstack; ++i) new (&f->stack[i]) Value();
    p += nstack * sizeof(Value);
    f->cells = reinterpret_cast<CellRef*>(p);
    for (size_t i = 0; i < ncells; ++i) new (&f->cells[i]) CellRef();
    p += ncells * sizeof(CellRef);
    f->blocks = reinterpret_cast<Block*>(p);
    for (size_t i = 0; i < nblocks; ++i) new (&f->blocks[i]) Block{Block::Setup, 0, 0, Value()};
    f->sp = f->stack;
    f->code = code;
    f->code_ref = CodeRef(code);
    f->func = std::move(func);
    f->globals = std::move(globals);
    return f;
}

void Frame::destroy(Frame* f) {
    if (!f) return;
    size_t nfast = f->code->varnames.size();
    size_t ncells = f->code->cellvars.size() + f->code->freevars.size();
    size_t nstack = static_cast<size_t>(f->code->max_stack);
    size_t nblocks = static_cast<size_t>(f->code->max_blocks);
    for (size_t i = 0; i < nfast; ++i) f->fast[i].~Value();
    for (size_t i = 0; i < nstack; ++i) f->stack[i].~Value();
    for (size_t i = 0; i < ncells; ++i) f->cells[i].~CellRef();
    for (size_t i = 0; i < nblocks; ++i) f->blocks[i].~Block();
    size_t bytes = frame_bytes(f->code);
    f->~Frame();
    frame_free(f, bytes);
}

ScriptGen::ScriptGen(Type* type, Frame* frame, std::string name, std::string qualname)
    : rt::Coroutine(type), frame(frame), name_(std::move(name)), qualname_(std::move(qualname)) {
    frame->owner = this;
}

namespace {
// Line `line` (1-based) of `file` with its surrounding whitespace stripped, "" if unreadable.
std::string source_line(const std::string& file, int line) {
    std::ifstream in(file, std::ios::binary);
    std::string text;
    for (int i = 0; i < line && std::getline(in, text); ++i) {
    }
    if (!in && text.empty()) return "";
    size_t b = text.find_first_not_of(" \t\r\f");
    if (b == std::string::npos) return "";
    size_t e = text.find_last_not_of(" \t\r\f");
    return text.substr(b, e - b + 1);
}

// _PyErr_WarnUnawaitedCoroutine (genobject.c) -> warnings._warn_unawaited_coroutine: a
// coroutine freed before it ever ran warns, located at the running Python frame
// (stacklevel=2), shown once per message and line as the default filter does. It goes
// to stderr, not into the trace.
void warn_never_awaited(const std::string& qualname) {
    Vm* vm = Vm::current();
    if (!vm || !vm->sink()) return;
    std::string msg = "RuntimeWarning: coroutine '" + qualname + "' was never awaited\n";
    const Frame* f = vm->current_frame();
    std::string text;
    if (f) {
        const std::string& file = f->code->filename;
        int line = f->line();
        if (!vm->warn_once(file + ":" + std::to_string(line) + ":" + msg)) return;
        text = file + ":" + std::to_string(line) + ": " + msg;
        std::string src = source_line(file, line);
        if (!src.empty()) text += "  " + src + "\n";
        text += "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n";
    } else {
        std::string where = vm->loop()->semantics().frameless_warning_at_sys_0() ? "<sys>:0" : "sys:1";
        if (!vm->warn_once(where + ":" + msg)) return;
        text = where + ": " + msg;
    }
    vm->sink()->write_err(text);
}
}  // namespace

ScriptGen::~ScriptGen() {
    // A coroutine that never started (not sent, thrown into or closed) was never awaited.
    if (frame && state == State::Created && is_coroutine()) warn_never_awaited(qualname_);
    if (frame) Frame::destroy(frame);
}

rt::StepResult ScriptGen::send(Value value) {
    Vm* vm = Vm::current();
    if (!vm) return rt::StepResult::raised(make_exception(exc_types().RuntimeError, "no interpreter is running"));
    return vm->resume(this, std::move(value), nullptr);
}

rt::StepResult ScriptGen::throw_exc(ExcRef exc) {
    Vm* vm = Vm::current();
    if (!vm) return rt::StepResult::raised(make_exception(exc_types().RuntimeError, "no interpreter is running"));
    return vm->resume(this, Value::none(), std::move(exc));
}

rt::SourceLocation ScriptGen::location() const {
    const Frame* f = top ? top : frame;
    if (!f) return {};
    return rt::SourceLocation{f->code->filename, f->line(), f->code->name};
}

rt::SourcePoint ScriptGen::location_point() const {
    const Frame* f = top ? top : frame;
    if (!f) return {};
    return rt::SourcePoint{f->code->filename, f->line()};
}

void ScriptGen::close() {
    // The runtime's teardown: errors from the cleanup code have nowhere to go, and a
    // coroutine that refuses to stop is finished without running more of it.
    if (Vm* vm = Vm::current()) {
        (void)vm->close_gen(this);
        if (state != State::Done) vm->drop_gen_frames(this);
    } else {
        state = State::Done;
    }
}

}  // namespace tl::script
