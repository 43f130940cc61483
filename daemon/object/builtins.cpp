// The builtins module (Python/bltinmodule.c): functions with CPython's signatures,
// keyword arguments and messages — sum() with 3.12+'s compensated float summation,
// min/max with key/default, sorted, pow with a modulus — plus the builtin types and every
// builtin exception type. Types are called through default_call_hook (construct()).
#include <cmath>

#include "daemon/object/dict.h"
#include "daemon/object/ops_support.h"
#include "daemon/object/range.h"
#include "daemon/object/set.h"

namespace tl {

namespace {

Outcome b_len(const Value&, Args args, Kwargs kwargs) {
    Outcome err;
    if (!check_no_kwargs("len", kwargs, err) || !check_arity("len", args, 1, 1, err)) return err;
    return len(args[0]);
}

Outcome b_repr(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("repr", args, 1, 1, err)) return err;
    return repr(args[0]);
}

Outcome b_ascii(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("ascii", args, 1, 1, err)) return err;
    return ascii(args[0]);
}

Outcome b_hash(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("hash", args, 1, 1, err)) return err;
    return hash(args[0]);
}

Outcome b_id(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("id", args, 1, 1, err)) return err;
    return Outcome::ok(Value::integer(object_id(args[0])));
}

bool is_callable(const Value& v) {
    if (!v.is_obj()) return false;
    Type* t = v.as_obj()->type();
    if (t == native_function_type() || t == bound_method_type() || binds_as_method(t)) return true;
    if (t->layout() == Layout::Type || t->layout() == Layout::Function) return true;
    return !find_override(t, "__call__").is_null();
}

Outcome b_callable(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("callable", args, 1, 1, err)) return err;
    return Outcome::ok(Value::boolean(is_callable(args[0])));
}

Outcome b_iter(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("iter", args, 1, 2, err)) return err;
    if (args.size() == 2) {
        if (!is_callable(args[0])) return type_error("iter(v, w): v must be callable");
        return make_callable_iter(args[0], args[1]);
    }
    return iter(args[0]);
}

Outcome b_next(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("next", args, 1, 2, err)) return err;
    if (!is_iterator_object(args[0]) && !(args[0].is_obj() && !find_override(args[0].as_obj()->type(), "__next__").is_null())) {
        return type_error("'" + type_name(args[0]) + "' object is not an iterator");
    }
    Outcome r = next(args[0]);
    if (!r.ok()) return r;
    if (r.value.is_null()) {
        if (args.size() == 2) return Outcome::ok(args[1]);
        return Outcome::raise(make_exception(exc_types().StopIteration));
    }
    return r;
}

Outcome b_getattr(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("getattr", args, 2, 3, err)) return err;
    const std::string* name = str_of(args[1]);
    if (!name) return type_error("attribute name must be string, not '" + type_name(args[1]) + "'");
    Outcome r = getattr(args[0], *name);
    if (!r.ok() && args.size() == 3 && r.exc->is_instance(exc_types().AttributeError)) return Outcome::ok(args[2]);
    return r;
}

Outcome b_hasattr(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("hasattr", args, 2, 2, err)) return err;
    const std::string* name = str_of(args[1]);
    if (!name) return type_error("attribute name must be string, not '" + type_name(args[1]) + "'");
    Outcome r = getattr(args[0], *name);
    if (!r.ok()) {
        if (r.exc->is_instance(exc_types().AttributeError)) return Outcome::ok(Value::boolean(false));
        return r;
    }
    return Outcome::ok(Value::boolean(true));
}

Outcome b_setattr(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("setattr", args, 3, 3, err)) return err;
    const std::string* name = str_of(args[1]);
    if (!name) return type_error("attribute name must be string, not '" + type_name(args[1]) + "'");
    return setattr(args[0], *name, args[2]);
}

Outcome b_delattr(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("delattr", args, 2, 2, err)) return err;
    const std::string* name = str_of(args[1]);
    if (!name) return type_error("attribute name must be string, not '" + type_name(args[1]) + "'");
    return delattr(args[0], *name);
}

Outcome b_isinstance(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("isinstance", args, 2, 2, err)) return err;
    return isinstance(args[0], args[1]);
}

Outcome b_issubclass(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("issubclass", args, 2, 2, err)) return err;
    return issubclass(args[0], args[1]);
}

Outcome b_abs(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("abs", args, 1, 1, err)) return err;
    const Value& v = args[0];
    if (is_intlike(v)) {
        int64_t x = intlike(v);
        if (x == INT64_MIN) return int_overflow();
        return Outcome::ok(Value::integer(x < 0 ? -x : x));
    }
    if (v.is_float()) return Outcome::ok(Value::floating(std::fabs(v.as_float())));
    Outcome r;
    if (try_dunder(v, "__abs__", {}, r)) return r;
    return type_error("bad operand type for abs(): '" + type_name(v) + "'");
}

Outcome b_round(const Value&, Args args, Kwargs kwargs) {
    Outcome err;
    if (!check_kwargs("round", kwargs, {"number", "ndigits"}, err)) return err;
    const Value* number = !args.empty() ? &args[0] : find_kwarg(kwargs, "number");
    const Value* nd = args.size() > 1 ? &args[1] : find_kwarg(kwargs, "ndigits");
    if (!number) return type_error("round() missing required argument 'number' (pos 1)");
    if (args.size() > 2) return type_error("round() takes at most 2 arguments (" + std::to_string(args.size()) + " given)");
    if (is_intlike(*number)) return int_round(intlike(*number), nd);
    if (number->is_float()) return float_round(number->as_float(), nd);
    Outcome r;
    if (nd && !nd->is_none()) {
        if (try_dunder(*number, "__round__", std::span<const Value>(nd, 1), r)) return r;
    } else if (try_dunder(*number, "__round__", {}, r)) {
        return r;
    }
    return type_error("type " + type_name(*number) + " doesn't define __round__ method");
}

Outcome b_divmod(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("divmod", args, 2, 2, err)) return err;
    const Value& a = args[0];
    const Value& b = args[1];
    bool numbers = (is_intlike(a) || a.is_float()) && (is_intlike(b) || b.is_float());
    if (numbers) {
        if (a.is_float() || b.is_float()) {
            double y;
            number_as_double(b, y);
            if (y == 0.0) return zero_division("float divmod()");
        }
        Outcome q = binary_op(BinaryOp::FloorDiv, a, b);
        if (!q.ok()) return q;
        Outcome m = binary_op(BinaryOp::Mod, a, b);
        if (!m.ok()) return m;
        return Outcome::ok(make_tuple({q.value, m.value}));
    }
    Outcome r;
    if (try_dunder(a, "__divmod__", std::span<const Value>(&b, 1), r)) {
        if (!r.ok() || !is_not_implemented(r.value)) return r;
    }
    if (try_dunder(b, "__rdivmod__", std::span<const Value>(&a, 1), r)) {
        if (!r.ok() || !is_not_implemented(r.value)) return r;
    }
    return type_error("unsupported operand type(s) for divmod(): '" + type_name(a) + "' and '" + type_name(b) + "'");
}

Outcome b_pow(const Value&, Args args, Kwargs kwargs) {
    Outcome err;
    if (!check_kwargs("pow", kwargs, {"base", "exp", "mod"}, err)) return err;
    const Value* base = !args.empty() ? &args[0] : find_kwarg(kwargs, "base");
    const Value* exp = args.size() > 1 ? &args[1] : find_kwarg(kwargs, "exp");
    const Value* mod = args.size() > 2 ? &args[2] : find_kwarg(kwargs, "mod");
    if (!base || !exp) return type_error("pow() missing required argument 'exp' (pos 2)");
    if (!mod || mod->is_none()) return binary_op(BinaryOp::Pow, *base, *exp);
    if (!is_intlike(*base) || !is_intlike(*exp) || !is_intlike(*mod)) {
        return type_error("pow() 3rd argument not allowed unless all arguments are integers");
    }
    int64_t b = intlike(*base), e = intlike(*exp), m = intlike(*mod);
    if (m == 0) return value_error("pow() 3rd argument cannot be 0");
    __int128 mm = m < 0 ? -(__int128)m : m;
    __int128 bb = ((__int128)b % mm + mm) % mm;
    if (e < 0) {
        // Modular inverse by the extended Euclidean algorithm.
        __int128 t = 0, newt = 1, r = mm, newr = bb;
        while (newr != 0) {
            __int128 q = r / newr;
            __int128 tmp = t - q * newt; t = newt; newt = tmp;
            tmp = r - q * newr; r = newr; newr = tmp;
        }
        if (r != 1) return value_error("base is not invertible for the given modulus");
        bb = (t % mm + mm) % mm;
        e = -e;
    }
    __int128 result = 1 % mm;
    while (e > 0) {
        if (e & 1) result = result * bb % mm;
        bb = bb * bb % mm;
        e >>= 1;
    }
    if (m < 0 && result != 0) result -= mm;
    return Outcome::ok(Value::integer(static_cast<int64_t>(result)));
}

Outcome b_chr(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("chr", args, 1, 1, err)) return err;
    int64_t i;
    if (!index_arg(args[0], i, err)) return err;
    if (i < 0 || i > 0x10FFFF) return value_error("chr() arg not in range(0x110000)");
    std::string s;
    utf8_append(s, static_cast<char32_t>(i));
    return Outcome::ok(make_str(s));
}

Outcome b_ord(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("ord", args, 1, 1, err)) return err;
    const std::string* s = str_of(args[0]);
    if (!s) return type_error("ord() expected string of length 1, but " + type_name(args[0]) + " found");
    std::u32string u = utf8_decode(*s);
    if (u.size() != 1) return type_error("ord() expected a character, but string of length " + std::to_string(u.size()) + " found");
    return Outcome::ok(Value::integer(u[0]));
}

Outcome radix(Args args, const char* name, int base, const char* prefix) {
    Outcome err;
    if (!check_arity(name, args, 1, 1, err)) return err;
    int64_t v;
    if (!index_arg(args[0], v, err)) return err;
    uint64_t m = v < 0 ? 0ULL - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    std::string digits;
    if (m == 0) digits = "0";
    while (m) {
        digits.insert(digits.begin(), "0123456789abcdef"[m % static_cast<uint64_t>(base)]);
        m /= static_cast<uint64_t>(base);
    }
    return Outcome::ok(make_str((v < 0 ? "-" : "") + std::string(prefix) + digits));
}
Outcome b_hex(const Value&, Args args, Kwargs) { return radix(args, "hex", 16, "0x"); }
Outcome b_oct(const Value&, Args args, Kwargs) { return radix(args, "oct", 8, "0o"); }
Outcome b_bin(const Value&, Args args, Kwargs) { return radix(args, "bin", 2, "0b"); }

Outcome b_format(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("format", args, 1, 2, err)) return err;
    if (args.size() == 2 && !str_of(args[1])) {
        return type_error("format() argument 2 must be str, not " + type_name(args[1]));
    }
    return format(args[0], args.size() == 2 ? std::string_view(*str_of(args[1])) : std::string_view());
}

Outcome b_vars(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("vars", args, 1, 1, err)) return err;
    Outcome r = getattr(args[0], "__dict__");
    if (!r.ok() && r.exc->is_instance(exc_types().AttributeError)) {
        return type_error("vars() argument must have __dict__ attribute");
    }
    return r;
}

Outcome b_any(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("any", args, 1, 1, err)) return err;
    Outcome it = iter(args[0]);
    if (!it.ok()) return it;
    for (;;) {
        Outcome n = next(it.value);
        if (!n.ok()) return n;
        if (n.value.is_null()) return Outcome::ok(Value::boolean(false));
        Outcome t = truthy(n.value);
        if (!t.ok()) return t;
        if (t.value.as_bool()) return Outcome::ok(Value::boolean(true));
    }
}

Outcome b_all(const Value&, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("all", args, 1, 1, err)) return err;
    Outcome it = iter(args[0]);
    if (!it.ok()) return it;
    for (;;) {
        Outcome n = next(it.value);
        if (!n.ok()) return n;
        if (n.value.is_null()) return Outcome::ok(Value::boolean(true));
        Outcome t = truthy(n.value);
        if (!t.ok()) return t;
        if (!t.value.as_bool()) return Outcome::ok(Value::boolean(false));
    }
}

Outcome b_sum(const Value&, Args args, Kwargs kwargs) {
    Outcome err;
    if (!check_kwargs("sum", kwargs, {"start"}, err)) return err;
    if (args.empty()) return type_error("sum() takes at least 1 positional argument (0 given)");
    if (args.size() > 2) return type_error("sum() takes at most 2 arguments (" + std::to_string(args.size()) + " given)");
    const Value* startp = args.size() > 1 ? &args[1] : find_kwarg(kwargs, "start");
    Value result = startp ? *startp : Value::integer(0);
    if (str_of(result)) return type_error("sum() can't sum strings [use ''.join(seq) instead]");
    Outcome it = iter(args[0]);
    if (!it.ok()) return it;
    Value pending;  // an item read by a fast path that it could not handle
    // Int fast path (builtin_sum_impl): exact int additions.
    if (result.is_int()) {
        int64_t acc = result.as_int();
        for (;;) {
            Outcome n = next(it.value);
            if (!n.ok()) return n;
            if (n.value.is_null()) return Outcome::ok(Value::integer(acc));
            if (is_intlike(n.value)) {
                if (__builtin_add_overflow(acc, intlike(n.value), &acc)) return int_overflow();
                continue;
            }
            Outcome r = binary_op(BinaryOp::Add, Value::integer(acc), n.value);
            if (!r.ok()) return r;
            result = r.value;
            break;
        }
    }
    // Float fast path with Neumaier compensation (3.12+).
    if (result.is_float()) {
        double f = result.as_float(), c = 0.0;
        for (;;) {
            Outcome n = next(it.value);
            if (!n.ok()) return n;
            if (n.value.is_null()) {
                if (c != 0.0 && std::isfinite(c)) f += c;
                return Outcome::ok(Value::floating(f));
            }
            if (n.value.is_float()) {
                double x = n.value.as_float();
                double t = f + x;
                if (std::fabs(f) >= std::fabs(x)) c += (f - t) + x;
                else c += (x - t) + f;
                f = t;
                continue;
            }
            if (is_intlike(n.value)) {
                f += static_cast<double>(intlike(n.value));
                continue;
            }
            if (c != 0.0 && std::isfinite(c)) f += c;
            result = Value::floating(f);
            pending = n.value;
            break;
        }
    }
    if (!pending.is_null()) {
        Outcome r = binary_op(BinaryOp::Add, result, pending);
        if (!r.ok()) return r;
        result = r.value;
    }
    for (;;) {
        Outcome n = next(it.value);
        if (!n.ok()) return n;
        if (n.value.is_null()) return Outcome::ok(result);
        Outcome r = binary_op(BinaryOp::Add, result, n.value);
        if (!r.ok()) return r;
        result = r.value;
    }
}

Outcome min_max(Args args, Kwargs kwargs, const char* name, CompareOp op) {
    Outcome err;
    if (!check_kwargs(name, kwargs, {"key", "default"}, err)) return err;
    const Value* key = find_kwarg(kwargs, "key");
    const Value* dflt = find_kwarg(kwargs, "default");
    if (args.empty()) return type_error(std::string(name) + " expected at least 1 argument, got 0");
    std::vector<Value> items;
    if (args.size() == 1) {
        Outcome c = collect(args[0], items);
        if (!c.ok()) return c;
    } else {
        if (dflt) return type_error(std::string("Cannot specify a default for ") + name + "() with multiple positional arguments");
        items.assign(args.begin(), args.end());
    }
    if (items.empty()) {
        if (dflt) return Outcome::ok(*dflt);
        return value_error(std::string(name) + "() iterable argument is empty");
    }
    bool use_key = key && !key->is_none();
    Value best = items[0], best_key = items[0];
    if (use_key) {
        Outcome k = call_value(*key, std::span<const Value>(&items[0], 1));
        if (!k.ok()) return k;
        best_key = k.value;
    }
    for (size_t i = 1; i < items.size(); ++i) {
        Value k = items[i];
        if (use_key) {
            Outcome kr = call_value(*key, std::span<const Value>(&items[i], 1));
            if (!kr.ok()) return kr;
            k = kr.value;
        }
        Outcome c = compare(op, k, best_key);
        if (!c.ok()) return c;
        Outcome t = truthy(c.value);
        if (!t.ok()) return t;
        if (t.value.as_bool()) {
            best = items[i];
            best_key = k;
        }
    }
    return Outcome::ok(best);
}
Outcome b_min(const Value&, Args args, Kwargs kwargs) { return min_max(args, kwargs, "min", CompareOp::Lt); }
Outcome b_max(const Value&, Args args, Kwargs kwargs) { return min_max(args, kwargs, "max", CompareOp::Gt); }

Outcome b_sorted(const Value&, Args args, Kwargs kwargs) {
    Outcome err;
    if (!check_kwargs("sort", kwargs, {"key", "reverse"}, err)) return err;
    if (args.size() != 1) {
        return type_error("sorted expected 1 argument, got " + std::to_string(args.size()));
    }
    std::vector<Value> items;
    Outcome c = collect(args[0], items);
    if (!c.ok()) return c;
    Value list = make_list(std::move(items));
    Outcome r = call_method(list, "sort", {}, kwargs);
    if (!r.ok()) return r;
    return Outcome::ok(list);
}

Outcome b_reversed(const Value&, Args args, Kwargs kwargs) {
    Outcome err;
    if (!check_no_kwargs("reversed", kwargs, err) || !check_arity("reversed", args, 1, 1, err)) return err;
    return make_reversed(args[0]);
}

Outcome b_enumerate(const Value&, Args args, Kwargs kwargs) {
    Outcome err;
    if (!check_kwargs("enumerate", kwargs, {"iterable", "start"}, err)) return err;
    const Value* it = !args.empty() ? &args[0] : find_kwarg(kwargs, "iterable");
    const Value* st = args.size() > 1 ? &args[1] : find_kwarg(kwargs, "start");
    if (!it) return type_error("enumerate() missing required argument 'iterable'");
    if (args.size() > 2) return type_error("enumerate() takes at most 2 arguments (" + std::to_string(args.size()) + " given)");
    int64_t start = 0;
    if (st && !index_arg(*st, start, err)) return err;
    return make_enumerate(*it, start);
}

Outcome b_zip(const Value&, Args args, Kwargs kwargs) {
    Outcome err;
    if (!check_kwargs("zip", kwargs, {"strict"}, err)) return err;
    bool strict = false;
    if (const Value* s = find_kwarg(kwargs, "strict")) {
        Outcome t = truthy(*s);
        if (!t.ok()) return t;
        strict = t.value.as_bool();
    }
    return make_zip(args, strict);
}

Outcome b_map(const Value&, Args args, Kwargs kwargs) {
    Outcome err;
    if (!check_no_kwargs("map", kwargs, err)) return err;
    if (args.size() < 2) return type_error("map() must have at least two arguments.");
    return make_map(args[0], args.subspan(1));
}

Outcome b_filter(const Value&, Args args, Kwargs kwargs) {
    Outcome err;
    if (!check_no_kwargs("filter", kwargs, err)) return err;
    if (args.size() != 2) return type_error("filter expected 2 arguments, got " + std::to_string(args.size()));
    return make_filter(args[0], args[1]);
}

void def(std::unordered_map<std::string, Value>& m, const char* name, NativeFunction::Fn fn) {
    m.emplace(std::string(name), make_builtin_function(name, fn));
}

}  // namespace

Outcome isinstance(const Value& obj, const Value& cls) {
    if (cls.is_obj() && cls.as_obj()->type()->layout() == Layout::Type) {
        Type* c = static_cast<Type*>(cls.as_obj());
        Value hook = find_override(type_of(cls), "__instancecheck__");
        if (!hook.is_null()) {
            Outcome r = call_override(hook, cls, std::span<const Value>(&obj, 1));
            if (!r.ok()) return r;
            return truthy(r.value);
        }
        return Outcome::ok(Value::boolean(type_of(obj)->is_subtype(c)));
    }
    if (cls.is_obj() && cls.as_obj()->type()->layout() == Layout::Tuple) {
        for (auto& c : cls.obj_as<TupleObject>()->items) {
            Outcome r = isinstance(obj, c);
            if (!r.ok()) return r;
            if (r.value.as_bool()) return r;
        }
        return Outcome::ok(Value::boolean(false));
    }
    return type_error("isinstance() arg 2 must be a type, a tuple of types, or a union");
}

Outcome issubclass(const Value& cls, const Value& parent) {
    if (!cls.is_obj() || cls.as_obj()->type()->layout() != Layout::Type) return type_error("issubclass() arg 1 must be a class");
    Type* c = static_cast<Type*>(cls.as_obj());
    if (parent.is_obj() && parent.as_obj()->type()->layout() == Layout::Type)
        return Outcome::ok(Value::boolean(c->is_subtype(static_cast<Type*>(parent.as_obj()))));
    if (parent.is_obj() && parent.as_obj()->type()->layout() == Layout::Tuple) {
        for (auto& p : parent.obj_as<TupleObject>()->items) {
            Outcome r = issubclass(cls, p);
            if (!r.ok()) return r;
            if (r.value.as_bool()) return r;
        }
        return Outcome::ok(Value::boolean(false));
    }
    return type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union");
}

const std::unordered_map<std::string, Value>& builtins() {
    static const auto* table = [] {
        ensure_builtin_methods();
        auto* m = new std::unordered_map<std::string, Value>();
        def(*m, "len", b_len);
        def(*m, "repr", b_repr);
        def(*m, "ascii", b_ascii);
        def(*m, "hash", b_hash);
        def(*m, "id", b_id);
        def(*m, "callable", b_callable);
        def(*m, "iter", b_iter);
        def(*m, "next", b_next);
        def(*m, "getattr", b_getattr);
        def(*m, "hasattr", b_hasattr);
        def(*m, "setattr", b_setattr);
        def(*m, "delattr", b_delattr);
        def(*m, "isinstance", b_isinstance);
        def(*m, "issubclass", b_issubclass);
        def(*m, "abs", b_abs);
        def(*m, "round", b_round);
        def(*m, "divmod", b_divmod);
        def(*m, "pow", b_pow);
        def(*m, "chr", b_chr);
        def(*m, "ord", b_ord);
        def(*m, "hex", b_hex);
        def(*m, "oct", b_oct);
        def(*m, "bin", b_bin);
        def(*m, "format", b_format);
        def(*m, "vars", b_vars);
        def(*m, "any", b_any);
        def(*m, "all", b_all);
        def(*m, "sum", b_sum);
        def(*m, "min", b_min);
        def(*m, "max", b_max);
        def(*m, "sorted", b_sorted);
        def(*m, "reversed", b_reversed);
        def(*m, "enumerate", b_enumerate);
        def(*m, "zip", b_zip);
        def(*m, "map", b_map);
        def(*m, "filter", b_filter);
        for (Type* t : {int_type(), float_type(), bool_type(), str_type(), list_type(), tuple_type(), dict_type(),
                        set_type(), frozenset_type(), range_type(), slice_type(), object_type(), type_type()}) {
            (*m)[t->name()] = Value(t);
        }
        for (Type* t : exc_types().all)
            if (t->module == "builtins") (*m)[t->name()] = Value(t);
        (*m)["NotImplemented"] = not_implemented();
        (*m)["Ellipsis"] = ellipsis();
        return m;
    }();
    return *table;
}

}  // namespace tl
