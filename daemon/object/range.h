// range and slice objects, and the iterator objects of every builtin iterable (list,
// tuple, str, range, enumerate, zip, map, filter, reversed, callable iterators).
#pragma once

#include <vector>

#include "daemon/object/ops.h"

namespace tl {

class RangeObject : public Object {
public:
    RangeObject(int64_t start, int64_t stop, int64_t step);
    int64_t start, stop, step, length;
    int64_t at(int64_t i) const { return start + i * step; }
};

class SliceObject : public Object {
public:
    SliceObject(Value start, Value stop, Value step)
        : Object(slice_type()), start(std::move(start)), stop(std::move(stop)), step(std::move(step)) {}
    Value start, stop, step;
};

inline RangeObject* as_range(const Value& v) {
    return v.is_obj() && v.as_obj()->type() == range_type() ? v.obj_as<RangeObject>() : nullptr;
}
inline SliceObject* as_slice(const Value& v) {
    return v.is_obj() && v.as_obj()->type() == slice_type() ? v.obj_as<SliceObject>() : nullptr;
}

// A generic iterator: one class with a kind tag keeps next() a single switch.
enum class IterKind : uint8_t {
    Seq,       // list/tuple by index (sees appends, as CPython's listiterator)
    SeqRev,    // reversed(list/tuple)
    Str,       // str by byte offset, yielding code points
    StrRev,
    Range,
    Enumerate,
    Zip,
    Map,
    Filter,
    SeqProtocol,  // __getitem__(0), (1), … until IndexError
    Callable,     // iter(callable, sentinel)
    DictKeys,     // dict / dict view iterators; step -1 = reversed
    DictValues,
    DictItems,
    Set,
};
Type* iterator_type(IterKind k);

class IterObject : public Object {
public:
    IterObject(IterKind kind) : Object(iterator_type(kind)), kind(kind) {}
    IterKind kind;
    Value source;              // the sequence / str / function
    std::vector<Value> inner;  // zip/map sources' iterators
    int64_t pos = 0;
    int64_t end = 0;           // range: remaining count; dict/set: the size at creation
    int64_t step = 0;
    Value extra;               // enumerate counter base / sentinel
    bool strict = false;       // zip(strict=True)
    bool done = false;
};

bool is_iterator_object(const Value& v);

}  // namespace tl
