// A type's own wording for "no such attribute" on reading one, for the types whose
// tp_getattro words it differently from PyObject_GenericGetAttr: the interpreter's module
// type (module_getattro: "module 'asyncio' has no attribute 'x'") registers one here,
// and getattr() on an instance of it uses it, whatever the caller (LOAD_ATTR, getattr(),
// hasattr()). Deleting keeps the generic wording, as CPython's does.
#pragma once

#include <string>
#include <string_view>

#include "daemon/object/value.h"

namespace tl {

class Type;

using MissingAttributeMessage = std::string (*)(const Value& obj, std::string_view name);
void set_missing_attribute_message(Type* t, MissingAttributeMessage message);

}  // namespace tl
