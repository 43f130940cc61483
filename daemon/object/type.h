// Python types: a name, bases, the method resolution order and a class dictionary.
// Builtin types are immortal statics; classes defined by scenarios are Type objects
// too, so isinstance() and exception matching walk one structure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "daemon/object/object.h"
#include "daemon/object/value.h"

namespace tl {

// What the C++ side of an instance is, so native code can switch on it quickly.
// A scenario class inherits its layout from the builtin it derives from.
enum class Layout : uint8_t {
    Object, Type, Str, Tuple, List, Dict, Set, Exception, Function, Native,
    Future, Task, Coroutine, Other
};

class Type : public Object {
public:
    // `bases` empty means a direct subclass of object.
    Type(std::string name, std::vector<Type*> bases, Layout layout);

    const std::string& name() const { return name_; }
    const std::vector<Type*>& bases() const { return bases_; }
    const std::vector<Type*>& mro() const { return mro_; }
    Layout layout() const { return layout_; }

    // issubclass(this, other)
    bool is_subtype(const Type* other) const;

    // Attribute lookup along the MRO (CPython's _PyType_Lookup); Null when absent. Answers
    // come from a method cache like CPython's type attribute cache (type_cache in
    // typeobject.c), invalidated wholesale by a global epoch instead of per-type version tags:
    // every path that can change a class dictionary or an MRO goes through dict() (or
    // creates/destroys a Type), and each of those starts a new epoch.
    Value lookup(std::string_view attr) const;
    // The class dictionary for changing it: starts a new lookup-cache epoch, so keep the
    // reference only for the change at hand. Readers use dict_view().
    std::unordered_map<std::string, Value>& dict() {
        ++lookup_epoch_;
        return dict_;
    }
    const std::unordered_map<std::string, Value>& dict_view() const { return dict_; }
    ~Type() override;

    // Where the type was defined, for repr ("builtins", "asyncio.exceptions", "__main__").
    std::string module = "builtins";
    std::string qualname;

private:
    std::string name_;
    std::vector<Type*> bases_;
    std::vector<Type*> mro_;
    Layout layout_;
    std::unordered_map<std::string, Value> dict_;

    // The lookup cache's epoch (see lookup); the daemon runs Python on one thread.
    static inline uint64_t lookup_epoch_ = 1;
    Value lookup_uncached(std::string_view attr, const Value*& slot) const;
};

// The type of `type` itself and of `object`.
Type* type_type();
Type* object_type();

}  // namespace tl
