// The builtin container and string types the object model itself needs.
#include "daemon/object/containers.h"
#include "daemon/object/str.h"

namespace tl {

namespace {
Type* immortal(Type* t) {
    t->make_immortal();
    return t;
}
}  // namespace

Type* str_type() {
    static Type* t = immortal(new Type("str", {}, Layout::Str));
    return t;
}
Type* tuple_type() {
    static Type* t = immortal(new Type("tuple", {}, Layout::Tuple));
    return t;
}
Type* list_type() {
    static Type* t = immortal(new Type("list", {}, Layout::List));
    return t;
}

}  // namespace tl
