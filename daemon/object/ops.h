// Python's data model over Value: the operations the VM performs on values (repr, str,
// hash, comparisons, arithmetic, attributes, items, iteration, formatting) with CPython's
// semantics and CPython's exact output. Every operation returns an Outcome: the result,
// or the exception Python would raise (TypeError, ZeroDivisionError, KeyError, …) with
// CPython's message. Instances of scenario classes dispatch to their dunder methods
// (__repr__, __eq__, __hash__, __lt__, __add__, __len__, __iter__, __getitem__, …) through
// call_value(), so this layer never includes the interpreter.
#pragma once

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

// type(v)
Type* type_of(const Value& v);

// ---- more object layouts -------------------------------------------------------------

// dict: insertion-ordered, keys hashed and compared with Python's hash/== (so 1 == 1.0
// == True are one key). Iteration order = insertion order; deleting keeps order.
class DictObject;
// set: insertion-ordered storage (so iteration is deterministic; CPython's set order is
// hash order — for small ints and for strings under PYTHONHASHSEED it differs: scenarios
// that print a set of strings are not deterministic in CPython either).
class SetObject;

// An instance of a scenario-defined class (not an exception): its type and __dict__.
class InstanceObject : public Object {
public:
    explicit InstanceObject(Type* type) : Object(type) {}
    std::unordered_map<std::string, Value> attrs;  // __dict__ (insertion order not kept)
    std::vector<std::string> attr_order;           // insertion order, for vars()/repr needs
};

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
// type dict binds too.
void set_binds_as_method(Type* t, bool binds);
bool binds_as_method(const Type* t);

// ---- constructors ------------------------------------------------------------------
Value make_int(int64_t i);                  // Value::integer
Value make_float(double d);                 // Value::floating
Value make_bool(bool b);
Value make_tuple(std::vector<Value> items);
Value make_list(std::vector<Value> items);
Value make_dict();                          // empty dict
Value make_set(std::vector<Value> items);   // Outcome-free: items must be hashable builtins
Outcome make_set_checked(std::span<const Value> items);  // TypeError for unhashable
Outcome make_range(int64_t start, int64_t stop, int64_t step);
Value make_slice(Value start, Value stop, Value step);

// dict access for the VM and builtins.
Outcome dict_get(const Value& dict, const Value& key);   // Null value when missing (no KeyError)
Outcome dict_set(const Value& dict, const Value& key, Value value);
Outcome dict_del(const Value& dict, const Value& key);   // KeyError when missing
size_t dict_size(const Value& dict);
std::vector<std::pair<Value, Value>> dict_items(const Value& dict);

// ---- the data model ----------------------------------------------------------------
Outcome repr(const Value& v);   // -> str
Outcome str(const Value& v);    // -> str
// The std::string forms (Python's exceptions turn into the "<exception …>" fallback is
// NOT done: callers that cannot propagate use these and get the exception's text).
std::string repr_string(const Value& v);
std::string str_string(const Value& v);

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

// Attributes: instance dict, then the type's MRO (binding functions as methods), then
// the builtin methods of builtin types (str.join, list.append, dict.items, …,
// exception .args/.__cause__/.__context__/.exceptions/.message/.add_note,
// type .__name__/.__qualname__/.__mro__ …). AttributeError with CPython's message.
Outcome getattr(const Value& obj, std::string_view name);
Outcome setattr(const Value& obj, std::string_view name, Value value);
Outcome delattr(const Value& obj, std::string_view name);
// getattr without raising: Null value when missing.
Value lookup_attr(const Value& obj, std::string_view name);

Outcome getitem(const Value& obj, const Value& key);   // includes slices
Outcome setitem(const Value& obj, const Value& key, Value value);
Outcome delitem(const Value& obj, const Value& key);

// Iteration: iter() gives an iterator; next() gives the next item, or a Null value when
// exhausted (no StopIteration allocated for the common loop end), or an exception.
Outcome iter(const Value& obj);
Outcome next(const Value& iterator);
Outcome len(const Value& obj);   // -> int

// format(value, spec): the format-spec mini-language for int, float, str, bool and
// objects with __format__; f-strings call this with conversions already applied.
Outcome format(const Value& v, std::string_view spec);

// isinstance / issubclass with a type or a tuple of types.
Outcome isinstance(const Value& obj, const Value& cls);
Outcome issubclass(const Value& cls, const Value& parent);

// The exception's str() and repr() as CPython prints them: str(ValueError('x')) == 'x',
// repr(CancelledError()) == 'CancelledError()', KeyError's quoting, groups'
// "msg (N sub-exceptions)".
std::string exception_str(const ExceptionObject& e);
std::string exception_repr(const ExceptionObject& e);

// Builds an exception instance of a builtin or scenario exception type from call
// arguments (BaseException.__new__/__init__ semantics, BaseExceptionGroup's checks).
Outcome construct_exception(Type* type, std::span<const Value> args);

// ExceptionGroup.split / subgroup / derive with a type, a tuple of types or a predicate.
Outcome exception_group_split(const Value& group, const Value& matcher);     // -> (match, rest)
Outcome exception_group_subgroup(const Value& group, const Value& matcher);  // -> group or None

// The builtins module: name -> value (print is not here: the interpreter owns output).
// len, range, enumerate, zip, sorted, reversed, min, max, sum, any, all, abs, round,
// isinstance, issubclass, type, str, repr, int, float, bool, list, tuple, dict, set,
// frozenset, getattr, setattr, hasattr, delattr, id, hash, iter, next, callable, divmod,
// pow, chr, ord, hex, oct, bin, format, vars, map, filter, object, super is the VM's,
// and every builtin exception type.
const std::unordered_map<std::string, Value>& builtins();

}  // namespace tl
