// Small helpers shared by the VM's source files (not part of the public API).
#pragma once

#include <string>
#include <unordered_map>

#include "daemon/object/exception.h"
#include "daemon/runtime/coroutine.h"
#include "daemon/script/code.h"
#include "daemon/script/function.h"

namespace tl::script {

// property, staticmethod and classmethod (vm_descriptors.cpp), for the Vm constructor.
void install_descriptor_builtins(std::unordered_map<std::string, Value>& builtins,
                                 std::unordered_map<const Type*, Value>& constructors);

// send/throw/close/__await__ on coroutine objects (vm_coroutine_methods.cpp).
void install_coroutine_methods();

// gen_send_ex's results as a method call (next(), send(), throw()) sees them: a yield is
// the value, a return is StopIteration(value), a raise passes through
// (vm_coroutine_methods.cpp; the generator methods of vm.cpp use it too).
Outcome step_outcome(rt::Coroutine* c, rt::StepResult r);

// NameError/UnboundLocalError for an empty cell, with CPython's wording.
ExcRef unbound_cell_error(const CodeObject* code, uint32_t index);

// module.attr for an ordinary name (asyncio.sleep, asyncio.CancelledError): the module's
// own namespace answers first, as module_getattro does once no data descriptor of the
// module type claims the name, and the module type defines none outside dunder names.
// Null when the slow path must decide (dunders, missing names: the error). Used by
// Vm::getattr/load_method and, behind its per-instruction cache, by LOAD_ATTR/LOAD_METHOD.
[[gnu::always_inline]] inline Value* module_attr(Object* o, const std::string& name) {
    if (o->type() != module_type() || (name.size() >= 2 && name[0] == '_' && name[1] == '_')) return nullptr;
    auto& attrs = static_cast<InstanceObject*>(o)->attrs;
    auto it = attrs.find(name);
    return it == attrs.end() ? nullptr : &it->second;
}

// "'int' object" style type name of a value, for messages.
std::string type_name_of(const Value& v);

}  // namespace tl::script
