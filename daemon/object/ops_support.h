// Private helpers shared by the ops implementation files (not for the VM): raising
// CPython's exceptions, argument checking for builtin functions and methods, registering
// builtin methods on builtin types, and finding a scenario class's dunder override.
#pragma once

#include <string>
#include <string_view>

#include "daemon/object/ops.h"

namespace tl {

// Value(o) out of line: GCC 12's -Wnonnull misfires on Value's inlined destructor when
// the Object was just new'd in the same function.
Value object_value(Object* o);
// An immortal builtin function (same -Wnonnull workaround).
Value make_builtin_function(const char* name, NativeFunction::Fn fn);

// ---- raising ---------------------------------------------------------------------
inline Outcome raise(Type* t, std::string msg) { return Outcome::raise(make_exception(t, msg)); }
inline Outcome type_error(std::string msg) { return raise(exc_types().TypeError, std::move(msg)); }
inline Outcome value_error(std::string msg) { return raise(exc_types().ValueError, std::move(msg)); }
inline Outcome index_error(std::string msg) { return raise(exc_types().IndexError, std::move(msg)); }
inline Outcome overflow_error(std::string msg) { return raise(exc_types().OverflowError, std::move(msg)); }
inline Outcome zero_division(std::string msg) { return raise(exc_types().ZeroDivisionError, std::move(msg)); }
inline Outcome attribute_error(std::string msg) { return raise(exc_types().AttributeError, std::move(msg)); }
inline Outcome key_error(const Value& key) {
    return Outcome::raise(make_exception(exc_types().KeyError, std::vector<Value>{key}));
}
inline Outcome int_overflow() { return overflow_error("integer overflow: tasklens ints are 64-bit"); }
inline Outcome ok_none() { return Outcome::ok(Value::none()); }

// "'int' object" style quoting.
inline std::string quoted_type(const Value& v) { return "'" + type_name(v) + "'"; }

// ---- arguments -------------------------------------------------------------------
using Args = std::span<const Value>;
using Kwargs = std::span<const KwArg>;

// Fails with "NAME() takes exactly one argument (N given)"-style messages.
bool check_arity(const char* name, Args args, size_t min, size_t max, Outcome& err);
bool check_no_kwargs(const char* name, Kwargs kwargs, Outcome& err);
// The value of keyword `name`, or nullptr.
const Value* find_kwarg(Kwargs kwargs, std::string_view name);
// Fails when a keyword other than those listed is present.
bool check_kwargs(const char* fname, Kwargs kwargs, std::initializer_list<std::string_view> allowed, Outcome& err);

// An int argument (bool counts, as in Python's __index__); TypeError naming the type.
bool index_arg(const Value& v, int64_t& out, Outcome& err);
// int or float as double, for float operations.
bool number_as_double(const Value& v, double& out);
inline bool is_intlike(const Value& v) { return v.is_int() || v.is_bool(); }
inline int64_t intlike(const Value& v) { return v.is_int() ? v.as_int() : (v.as_bool() ? 1 : 0); }

// ---- builtin methods -------------------------------------------------------------
using MethodFn = Outcome (*)(const Value& self, Args args, Kwargs kwargs);
// The receiver marker of unbound builtin methods (see is_builtin_method in ops.h).
class MethodOwner : public Object {
public:
    MethodOwner(Type* owner, std::string method);
    Type* owner;
    std::string method;  // for "descriptor 'lower' for 'str' objects …" messages
};
Type* method_owner_type();

// Unbound call (str.lower('A')): take the receiver from args[0] after checking its type.
bool unbind_receiver(const Value& self, Args& args, Value& receiver, Outcome& err);

template <MethodFn F>
Outcome method_trampoline(const Value& self, Args args, Kwargs kwargs) {
    if (self.is_obj() && self.as_obj()->type() == method_owner_type()) {
        Value receiver;
        Outcome err;
        if (!unbind_receiver(self, args, receiver, err)) return err;
        return F(receiver, args, kwargs);
    }
    return F(self, args, kwargs);
}
void add_method_fn(Type* t, const char* name, NativeFunction::Fn fn);
template <MethodFn F>
void add_method(Type* t, const char* name) {
    add_method_fn(t, name, &method_trampoline<F>);
}
// Installs every builtin type's methods once (called lazily by attribute lookups).
void ensure_builtin_methods();
// The per-area installers ensure_builtin_methods() calls.
void install_str_methods();
void install_list_methods();
void install_dict_methods();
void install_set_methods();
void install_object_methods();
void install_exception_methods();
void install_number_methods();
void install_range_methods();
void install_iterator_methods();

// ---- dunder overrides ------------------------------------------------------------
// The class attribute `name` of t when a scenario class defines it (anything but a
// builtin method of ours); Null otherwise — the caller then uses the native behaviour.
Value find_override(const Type* t, const char* name);
// Calls an override found by find_override with obj as self.
Outcome call_override(const Value& fn, const Value& obj, Args args);
// The overrides' own entry point: true + result when t overrides name.
bool try_dunder(const Value& obj, const char* name, Args args, Outcome& out);

// ---- shared internals ------------------------------------------------------------
// repr with the recursion guard CPython uses for self-containing containers.
bool repr_enter(const Object* o);
void repr_leave(const Object* o);
std::string str_repr_text(std::string_view s, bool ascii_only = false);
std::string int_to_string(int64_t v);
std::string exception_display(const ExceptionObject& e);  // BaseException_repr
bool exception_getattr(const ExceptionObject& e, std::string_view name, Outcome& out);
bool exception_setattr(ExceptionObject& e, std::string_view name, const Value& v, Outcome& out);
Outcome native_repr(const Value& v);
Outcome native_eq(const Value& a, const Value& b);  // == for builtin values (bool outcome; NotImplemented)
int64_t hash_int(int64_t v);
int64_t hash_double(double v);
int64_t hash_str(const StrObject& s);
int64_t hash_pointer(const Object* o);
Outcome float_from_string(std::string_view s);
Outcome int_from_string(std::string_view s, int base);
Outcome format_int(int64_t v, std::string_view spec, const char* tname);
Outcome format_float(double v, std::string_view spec);
Outcome format_str(std::string_view s, std::string_view spec);
Outcome str_format_method(std::string_view fmt, Args args, Kwargs kwargs);
Outcome str_percent_format(std::string_view fmt, const Value& args);
Outcome seq_getitem(const Value& seq, const Value& key);  // list, tuple, str
Outcome list_setitem(ListObject& list, const Value& key, const Value& value);
Outcome list_delitem(ListObject& list, const Value& key);
Outcome number_binary(BinaryOp op, const Value& a, const Value& b);  // NotImplemented if not numbers
std::string binary_op_symbol(BinaryOp op);
Outcome float_round(double x, const Value* ndigits);
Outcome int_round(int64_t x, const Value* ndigits);
Outcome to_int(const Value& v);    // int(x) for one argument
Outcome to_float(const Value& v);  // float(x)
// The iterator builtins (iterators.cpp).
Outcome make_reversed(const Value& obj);
Outcome make_enumerate(const Value& iterable, int64_t start);
Outcome make_zip(Args iterables, bool strict);
Outcome make_map(const Value& fn, Args iterables);
Outcome make_filter(const Value& fn, const Value& iterable);
Outcome make_callable_iter(const Value& fn, const Value& sentinel);
class RangeObject;
Outcome range_getitem(const RangeObject& r, const Value& key);
// utf-8 helpers
size_t utf8_length(std::string_view s);
bool utf8_is_ascii(std::string_view s);
// Decodes s into code points.
std::u32string utf8_decode(std::string_view s);
std::string utf8_encode(std::u32string_view s);
void utf8_append(std::string& out, char32_t c);
// Slice indices resolved against a length (PySlice_AdjustIndices).
bool slice_indices(const Value& slice, int64_t length, int64_t& start, int64_t& stop, int64_t& step,
                   int64_t& slicelen, Outcome& err);
// Python sort (stable, lt via compare()) of values with optional key function.
Outcome sort_values(std::vector<Value>& items, const Value& key, bool reverse);

}  // namespace tl
