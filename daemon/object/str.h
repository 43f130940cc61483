// str: an immutable UTF-8 string with a cached hash. The interpreter adds the methods;
// the runtime needs it for task names, cancel messages and exception arguments.
#pragma once

#include <string>
#include <string_view>

#include "daemon/object/object.h"
#include "daemon/object/type.h"

namespace tl {

Type* str_type();

class StrObject : public Object {
public:
    explicit StrObject(std::string s, Type* type = str_type()) : Object(type), value(std::move(s)) {}
    const std::string value;
    mutable int64_t hash_cache = -1;  // -1: not computed yet
};

inline Value make_str(std::string s) { return Value(new StrObject(std::move(s))); }

// The string if v is a str (or a subclass), else nullptr.
inline const std::string* str_of(const Value& v) {
    if (!v.is_obj()) return nullptr;
    if (v.as_obj()->type()->layout() != Layout::Str) return nullptr;
    return &v.obj_as<StrObject>()->value;
}

}  // namespace tl
