// A compiled code object: the instructions of one function, class body, comprehension
// or module, with its constants, names, slot layout and line table. Immutable after
// compilation except for the per-instruction global caches the VM fills lazily.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "daemon/object/object.h"
#include "daemon/object/type.h"
#include "daemon/object/value.h"
#include "daemon/script/opcodes.h"

namespace tl::script {

Type* code_type();

enum CodeFlags : uint32_t {
    kFlagGenerator = 1,    // contains `yield`: calling it makes a generator
    kFlagCoroutine = 2,    // async def: calling it makes a coroutine
    kFlagVarargs = 4,      // has *args
    kFlagVarkw = 8,        // has **kwargs
    kFlagClassBody = 16,   // names go through the class namespace (LOAD_NAME)
    kFlagModule = 32,
};

class CodeObject : public Object {
public:
    CodeObject() : Object(code_type()) {}

    std::string name;       // co_name
    std::string qualname;   // co_qualname
    std::string filename;
    int first_line = 0;
    uint32_t flags = 0;

    // Parameters: positional (posonly first), then keyword-only; then *args, **kwargs
    // slots when the flags say so. All are the first local slots in this order.
    int posonly_count = 0;
    int arg_count = 0;       // positional parameters incl. posonly
    int kwonly_count = 0;

    std::vector<std::string> varnames;   // local slots (parameters first)
    std::vector<std::string> cellvars;   // locals captured by inner scopes
    std::vector<std::string> freevars;   // captured from enclosing scopes
    // For each cellvar that is also a parameter: its local slot (copied in at call).
    std::vector<int> cell_param_slot;    // -1 when the cell is not a parameter
    std::vector<std::string> names;      // global/attribute/import names
    std::vector<Value> consts;

    std::vector<uint32_t> code;
    std::vector<int> lines;              // source line of each instruction
    int max_stack = 0;
    int max_blocks = 0;

    // Per-name caches for LOAD_GLOBAL: the module-globals slot (-1 unresolved) and the
    // builtin found when the global was unset (builtins never change during a run).
    mutable std::vector<int32_t> global_slot;
    mutable std::vector<Value> builtin_cache;
    // Per-name cache for LOAD_METHOD on builtin types (whose dicts never change during a
    // run): the receiver type last seen and the unbound builtin method it resolved to.
    struct MethodCache {
        const Type* type = nullptr;
        Value method;
    };
    mutable std::vector<MethodCache> method_cache;
    // Per-name cache for LOAD_ATTR/LOAD_METHOD on a module (asyncio.sleep): the module last
    // seen and its namespace entry for the name, read through (so rebinding the name is
    // seen). Keyed by the module's address and valid while instance_attrs_epoch() is
    // unchanged: erasing a namespace entry or destroying a module starts a new epoch. Two
    // Vms running one code object just overwrite each other's entry.
    struct ModuleAttrCache {
        const Object* module = nullptr;
        uint64_t epoch = 0;
        const Value* slot = nullptr;
    };
    mutable std::vector<ModuleAttrCache> module_attr_cache;

    int line_at(size_t ip) const { return ip < lines.size() ? lines[ip] : first_line; }
    bool is_generator() const { return flags & kFlagGenerator; }
    bool is_coroutine() const { return flags & kFlagCoroutine; }
    int total_params() const {
        return arg_count + kwonly_count + ((flags & kFlagVarargs) ? 1 : 0) + ((flags & kFlagVarkw) ? 1 : 0);
    }
};

using CodeRef = Ref<CodeObject>;

}  // namespace tl::script
