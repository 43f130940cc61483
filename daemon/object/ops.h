// Python's data model over Value: the operations the VM performs on values (repr, str,
// hash, comparisons, arithmetic, attributes, items, iteration, formatting) with CPython's
// semantics and CPython 3.13's exact output. Every operation returns an Outcome: the result,
// or the exception Python would raise (TypeError, ZeroDivisionError, KeyError, …) with
// CPython's message. Instances of scenario classes dispatch to their dunder methods
// (__repr__, __eq__, __hash__, __lt__, __add__, __len__, __iter__, __getitem__, …) through
// call_value(), so this layer never includes the interpreter.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "daemon/object/callable.h"
#include "daemon/object/containers.h"
#include "daemon/object/exception.h"
#include "daemon/object/outcome.h"
#include "daemon/object/str.h"
#include "daemon/object/type.h"
#include "daemon/object/value.h"

namespace tl {

// ---- builtin types (immortal) ------------------------------------------------------
Type* none_type();
Type* bool_type();
Type* int_type();
Type* float_type();
Type* dict_type();
Type* set_type();
Type* frozenset_type();
Type* range_type();
Type* slice_type();
Type* instance_base_type();  // never instantiated: the layout of scenario-class instances
Type* not_implemented_type();
Type* ellipsis_type();

// type(v)
Type* type_of(const Value& v);
// type(v).__name__, for messages ("'int' object is not subscriptable").
const std::string& type_name(const Value& v);

// The NotImplemented and Ellipsis singletons. Binary dunders return NotImplemented to
// let the other operand try; binary_op() never returns it.
Value not_implemented();
Value ellipsis();
inline bool is_not_implemented(const Value& v) {
    return v.is_obj() && v.as_obj()->type() == not_implemented_type();
}

// ---- more object layouts -------------------------------------------------------------

// dict: insertion-ordered, keys hashed and compared with Python's hash/== (so 1 == 1.0
// == True are one key). The layout lives in daemon/object/dict.h.
class DictObject;
// set/frozenset: CPython's open-addressing table ported (setobject.c), so iteration
// order — and so printing — equals CPython's for ints, floats, bools, None-free tuples.
// Strings hash differently from CPython (whose str hash is randomised per process), so
// sets of strings iterate in some deterministic order of ours. Layout in set.h.
class SetObject;

// An instance of a scenario-defined class (not an exception): its type and __dict__.
// Write attributes through setattr() (or instance_set_attr) so attr_order stays right.
class InstanceObject : public Object {
public:
    explicit InstanceObject(Type* type);
    std::unordered_map<std::string, Value> attrs;  // __dict__
    std::vector<std::string> attr_order;           // __dict__'s insertion order (vars())
    uint64_t serial;                               // id() / the fake address in repr
};
void instance_set_attr(InstanceObject& inst, std::string_view name, Value v);
// Starts a new epoch whenever an entry of some instance's attrs is erased (or a whole
// namespace is cleared or destroyed): caches holding a pointer into an attrs map (the
// VM's module attribute cache) compare epochs. The daemon runs Python on one thread.
inline uint64_t g_instance_attrs_epoch = 1;
inline uint64_t instance_attrs_epoch() { return g_instance_attrs_epoch; }
inline void bump_instance_attrs_epoch() { ++g_instance_attrs_epoch; }

// A method bound to an instance: calling it calls `function(self, *args)`.
Type* bound_method_type();
class BoundMethod : public Object {
public:
    BoundMethod(Value function, Value self) : Object(bound_method_type()), function(std::move(function)), self(std::move(self)) {}
    Value function;
    Value self;
};

// Marks a Type whose instances become BoundMethods when fetched through an instance
// (scenario functions; the VM sets this on its function type). NativeFunction stored in a
// type dict binds too (as a BoundMethod: it receives self as args[0]) — except the
// builtin methods this layer installs on builtin types (str.join, list.append…), which
// bind by copying the NativeFunction with `self` set (see is_builtin_method).
void set_binds_as_method(Type* t, bool binds);
bool binds_as_method(const Type* t);

// A NativeFunction installed by this layer as a method of a builtin type: it reads its
// receiver from NativeFunction::self; called unbound (str.lower('A')) it takes args[0].
bool is_builtin_method(const Value& v);

// id(v): a stable per-object serial number (1, 2, 3… in order of first request; for
// instances, in order of creation). Default reprs print a fake address derived from it,
// fake_address(v) = 0x7f0000000000 + 16 * id, so runs are deterministic (CPython prints
// real addresses, which differ run to run anyway).
int64_t object_id(const Value& v);
std::string fake_address(const Value& v);  // "0x7f0000000010"

// ---- constructors ------------------------------------------------------------------
inline Value make_int(int64_t i) { return Value::integer(i); }
inline Value make_float(double d) { return Value::floating(d); }
inline Value make_bool(bool b) { return Value::boolean(b); }
Value make_tuple(std::vector<Value> items);
Value make_list(std::vector<Value> items);
Value make_dict();                          // empty dict
Value make_set(std::vector<Value> items);   // Outcome-free: items must be hashable builtins
Outcome make_set_checked(std::span<const Value> items);  // TypeError for unhashable
// A set display `{a, b, c}` built as CPython builds it, so it prints in CPython's order:
// with more than two elements that are all compile-time constants, CPython's compiler
// folds them into a frozenset constant (rebuilt once more from its own iteration order by
// the constant merging of compile.c) and runs `BUILD_SET 0; SET_UPDATE`; otherwise
// BUILD_SET adds the elements one by one. all_constant: literals, signed numbers, tuples
// of those.
Outcome make_set_display(std::span<const Value> items, bool all_constant);
Outcome make_frozenset_checked(std::span<const Value> items);
Outcome make_range(int64_t start, int64_t stop, int64_t step);
Value make_slice(Value start, Value stop, Value step);
// new NativeFunction(...) wrapped in a Value, out of line: GCC 12 -O2 reports a false
// -Wnonnull ("'this' pointer is null") when that construction is inlined next to Value's
// destructor, so code that builds native functions can call this instead.
Value make_native_function(std::string name, NativeFunction::Fn fn, Value self = Value());

// dict access for the VM and builtins.
Outcome dict_get(const Value& dict, const Value& key);   // Null value when missing (no KeyError)
Outcome dict_set(const Value& dict, const Value& key, Value value);
Outcome dict_del(const Value& dict, const Value& key);   // KeyError when missing
size_t dict_size(const Value& dict);
std::vector<std::pair<Value, Value>> dict_items(const Value& dict);

// ---- the data model ----------------------------------------------------------------
Outcome repr(const Value& v);   // -> str
Outcome str(const Value& v);    // -> str
// The std::string forms for callers that cannot propagate an exception: if __repr__
// raises, they return "<exception TypeName: message>".
std::string repr_string(const Value& v);
std::string str_string(const Value& v);
// ascii(): repr with non-ASCII escaped (\xe9, \u20ac, \U0001f600).
Outcome ascii(const Value& v);

Outcome hash(const Value& v);   // -> int; TypeError "unhashable type: 'list'"
Outcome truthy(const Value& v); // -> bool (calls __bool__ / __len__)

enum class CompareOp : uint8_t { Lt, Le, Eq, Ne, Gt, Ge };
Outcome compare(CompareOp op, const Value& a, const Value& b);  // rich comparison, -> any
Outcome equals(const Value& a, const Value& b);                 // a == b as bool
Outcome contains(const Value& container, const Value& item);    // item in container -> bool

enum class BinaryOp : uint8_t {
    Add, Sub, Mul, MatMul, TrueDiv, FloorDiv, Mod, Pow, LShift, RShift, And, Or, Xor
};
// `inplace` tries __iadd__ etc. first (list += extends in place), then the binary op.
Outcome binary_op(BinaryOp op, const Value& a, const Value& b, bool inplace = false);
enum class UnaryOp : uint8_t { Neg, Pos, Invert, Not };
Outcome unary_op(UnaryOp op, const Value& a);

// Attributes: data descriptors of the type, the instance dict, then the type's MRO
// (binding functions as methods), then __getattr__; builtin objects expose their methods
// (str.join, list.append, dict.items, …), exceptions .args/.__cause__/.__context__/
// .__suppress_context__/.__traceback__/.__notes__/.add_note/.exceptions/.message/.split/
// .subgroup/.derive, types .__name__/.__qualname__/.__module__/.__mro__/.__bases__.
// AttributeError with CPython's message.
Outcome getattr(const Value& obj, std::string_view name);
Outcome setattr(const Value& obj, std::string_view name, Value value);
Outcome delattr(const Value& obj, std::string_view name);
// getattr without raising: Null value when missing (other exceptions are swallowed too).
Value lookup_attr(const Value& obj, std::string_view name);

Outcome getitem(const Value& obj, const Value& key);   // includes slices
Outcome setitem(const Value& obj, const Value& key, Value value);
Outcome delitem(const Value& obj, const Value& key);

// Iteration: iter() gives an iterator; next() gives the next item, or a Null value when
// exhausted (no StopIteration allocated for the common loop end), or an exception.
Outcome iter(const Value& obj);
Outcome next(const Value& iterator);
Outcome len(const Value& obj);   // -> int
// Drains an iterable into a vector (list(x) without the list).
Outcome collect(const Value& iterable, std::vector<Value>& out);

// format(value, spec): the format-spec mini-language for int, float, str, bool and
// objects with __format__; f-strings call this with conversions already applied.
Outcome format(const Value& v, std::string_view spec);

// isinstance / issubclass with a type or a tuple of types.
Outcome isinstance(const Value& obj, const Value& cls);
Outcome issubclass(const Value& cls, const Value& parent);

// The exception's str() and repr() as CPython prints them: str(ValueError('x')) == 'x',
// repr(CancelledError()) == 'CancelledError()', KeyError's quoting, groups'
// "msg (N sub-exceptions)". A scenario exception class's __str__/__repr__ is honoured.
std::string exception_str(const ExceptionObject& e);
std::string exception_repr(const ExceptionObject& e);

// Builds an exception instance of a builtin or scenario exception type from call
// arguments (BaseException.__new__/__init__ semantics, BaseExceptionGroup's checks).
Outcome construct_exception(Type* type, std::span<const Value> args);

// ExceptionGroup.split / subgroup / derive with a type, a tuple of types or a predicate.
Outcome exception_group_split(const Value& group, const Value& matcher);     // -> (match, rest)
Outcome exception_group_subgroup(const Value& group, const Value& matcher);  // -> group or None

// ---- calling ---------------------------------------------------------------------
// type(...)(args): constructs an instance of a builtin type — int('12'), str(x),
// list(it), dict(a=1), set(), range(3), slice(1, 2), object(), any exception type
// (builtin or scenario-defined) — or, for a scenario class whose layout is Object, a bare
// InstanceObject (the VM then runs __init__). kwargs as CPython accepts them.
Outcome construct(Type* type, std::span<const Value> args, std::span<const KwArg> kwargs = {});

// What call_value() cannot do itself: types (construct), BoundMethods, builtin-method
// descriptors called unbound, instances with __call__, and the TypeError
// "'int' object is not callable". The VM's call hook handles its own functions and
// classes and hands everything else here; tests install it directly.
Outcome default_call_hook(const Value& callable, std::span<const Value> args,
                          std::span<const KwArg> kwargs);

// obj.name(*args, **kwargs) without materialising the bound method when `name` is a
// builtin method (the VM's method-call fast path); otherwise getattr + call_value.
Outcome call_method(const Value& obj, std::string_view name, std::span<const Value> args,
                    std::span<const KwArg> kwargs = {});

// The builtins module: name -> value (print is not here: the interpreter owns output).
// len, range, enumerate, zip, sorted, reversed, min, max, sum, any, all, abs, round,
// isinstance, issubclass, type, str, repr, ascii, int, float, bool, list, tuple, dict,
// set, frozenset, slice, object, getattr, setattr, hasattr, delattr, id, hash, iter,
// next, callable, divmod, pow, chr, ord, hex, oct, bin, format, vars, map, filter,
// NotImplemented, Ellipsis, and every builtin exception type. super is the VM's.
const std::unordered_map<std::string, Value>& builtins();

// ---- inline fast paths for the VM -----------------------------------------------
// Each returns true and sets `out` when both operands are ints (or int/float mixes) and
// the result needs no exception; otherwise false, and the caller falls back to
// binary_op()/compare(), which also produces the errors. No allocation.
inline bool fast_add(const Value& a, const Value& b, Value& out) {
    if (a.is_int() && b.is_int()) {
        int64_t r;
        if (__builtin_add_overflow(a.as_int(), b.as_int(), &r)) return false;
        out = Value::integer(r);
        return true;
    }
    if (a.is_float() && b.is_float()) { out = Value::floating(a.as_float() + b.as_float()); return true; }
    return false;
}
inline bool fast_sub(const Value& a, const Value& b, Value& out) {
    if (a.is_int() && b.is_int()) {
        int64_t r;
        if (__builtin_sub_overflow(a.as_int(), b.as_int(), &r)) return false;
        out = Value::integer(r);
        return true;
    }
    if (a.is_float() && b.is_float()) { out = Value::floating(a.as_float() - b.as_float()); return true; }
    return false;
}
inline bool fast_mul(const Value& a, const Value& b, Value& out) {
    if (a.is_int() && b.is_int()) {
        int64_t r;
        if (__builtin_mul_overflow(a.as_int(), b.as_int(), &r)) return false;
        out = Value::integer(r);
        return true;
    }
    if (a.is_float() && b.is_float()) { out = Value::floating(a.as_float() * b.as_float()); return true; }
    return false;
}
// a < b etc. for two ints or two floats: sets `out` to the bool result.
inline bool fast_compare(CompareOp op, const Value& a, const Value& b, bool& out) {
    if (a.is_int() && b.is_int()) {
        int64_t x = a.as_int(), y = b.as_int();
        switch (op) {
            case CompareOp::Lt: out = x < y; return true;
            case CompareOp::Le: out = x <= y; return true;
            case CompareOp::Eq: out = x == y; return true;
            case CompareOp::Ne: out = x != y; return true;
            case CompareOp::Gt: out = x > y; return true;
            case CompareOp::Ge: out = x >= y; return true;
        }
    }
    if (a.is_float() && b.is_float()) {
        double x = a.as_float(), y = b.as_float();
        switch (op) {
            case CompareOp::Lt: out = x < y; return true;
            case CompareOp::Le: out = x <= y; return true;
            case CompareOp::Eq: out = x == y; return true;
            case CompareOp::Ne: out = x != y; return true;
            case CompareOp::Gt: out = x > y; return true;
            case CompareOp::Ge: out = x >= y; return true;
        }
    }
    return false;
}
// bool(v) for the inline kinds; false when v is an object (use truthy()).
inline bool fast_truthy(const Value& v, bool& out) {
    switch (v.tag()) {
        case Value::Tag::None: out = false; return true;
        case Value::Tag::Bool: out = v.as_bool(); return true;
        case Value::Tag::Int: out = v.as_int() != 0; return true;
        case Value::Tag::Float: out = v.as_float() != 0.0; return true;
        default: return false;
    }
}

}  // namespace tl
