// tuple and list: sequences of values. The runtime builds them for gather() results and
// ExceptionGroup.exceptions; the interpreter adds their methods.
#pragma once

#include <vector>

#include "daemon/object/object.h"
#include "daemon/object/type.h"
#include "daemon/object/value.h"

namespace tl {

Type* tuple_type();
Type* list_type();

class TupleObject : public Object {
public:
    explicit TupleObject(std::vector<Value> items, Type* type = tuple_type())
        : Object(type), items(std::move(items)) {}
    std::vector<Value> items;  // never mutated after construction by Python code
};

class ListObject : public Object {
public:
    explicit ListObject(std::vector<Value> items = {}, Type* type = list_type())
        : Object(type), items(std::move(items)) {}
    std::vector<Value> items;
};

}  // namespace tl
