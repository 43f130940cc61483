// The operator protocols (Objects/abstract.c): binary_op1's order — the right operand's
// reflected method first when its type is a subclass of the left's, NotImplemented
// fallbacks, in-place methods first for augmented assignment, sequence concat/repeat as
// the last resort with their own messages — unary operators, and item access.
#include "daemon/object/dict.h"
#include "daemon/object/ops_support.h"
#include "daemon/object/range.h"
#include "daemon/object/set.h"

namespace tl {

namespace {

const char* dunder(BinaryOp op, int which) {  // 0 = __op__, 1 = __rop__, 2 = __iop__
    static const char* names[13][3] = {
        {"__add__", "__radd__", "__iadd__"},          {"__sub__", "__rsub__", "__isub__"},
        {"__mul__", "__rmul__", "__imul__"},          {"__matmul__", "__rmatmul__", "__imatmul__"},
        {"__truediv__", "__rtruediv__", "__itruediv__"}, {"__floordiv__", "__rfloordiv__", "__ifloordiv__"},
        {"__mod__", "__rmod__", "__imod__"},          {"__pow__", "__rpow__", "__ipow__"},
        {"__lshift__", "__rlshift__", "__ilshift__"}, {"__rshift__", "__rrshift__", "__irshift__"},
        {"__and__", "__rand__", "__iand__"},          {"__or__", "__ror__", "__ior__"},
        {"__xor__", "__rxor__", "__ixor__"},
    };
    return names[static_cast<int>(op)][which];
}

bool is_seq(const Value& v, Layout& l) {
    if (!v.is_obj()) return false;
    l = v.as_obj()->type()->layout();
    return l == Layout::List || l == Layout::Tuple || l == Layout::Str;
}

Outcome repeat(const Value& seq, int64_t n) {
    Layout l = seq.as_obj()->type()->layout();
    if (n < 0) n = 0;
    if (l == Layout::Str) {
        const std::string& s = *str_of(seq);
        if (n != 0 && s.size() > static_cast<size_t>(INT64_MAX / 4) / static_cast<size_t>(n)) return raise(exc_types().MemoryError, "");
        std::string out;
        out.reserve(s.size() * static_cast<size_t>(n));
        for (int64_t i = 0; i < n; ++i) out += s;
        return Outcome::ok(make_str(std::move(out)));
    }
    const std::vector<Value>& items = l == Layout::List ? seq.obj_as<ListObject>()->items : seq.obj_as<TupleObject>()->items;
    if (!items.empty() && static_cast<uint64_t>(n) > (1ULL << 28) / items.size()) return raise(exc_types().MemoryError, "");
    std::vector<Value> out;
    out.reserve(items.size() * static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) out.insert(out.end(), items.begin(), items.end());
    if (l == Layout::List) return Outcome::ok(make_list(std::move(out)));
    return Outcome::ok(make_tuple(std::move(out)));
}

// What the builtin types implement for (a op b), either operand order; NotImplemented
// when nothing applies.
Outcome native_binary(BinaryOp op, const Value& a, const Value& b) {
    Outcome r = number_binary(op, a, b);
    if (!is_not_implemented(r.value) || !r.ok()) return r;
    Layout la = Layout::Other, lb = Layout::Other;
    bool sa = is_seq(a, la), sb = is_seq(b, lb);
    if (op == BinaryOp::Add && sa && sb && la == lb) {
        if (la == Layout::Str) return Outcome::ok(make_str(*str_of(a) + *str_of(b)));
        if (la == Layout::List) {
            std::vector<Value> out = a.obj_as<ListObject>()->items;
            auto& bi = b.obj_as<ListObject>()->items;
            out.insert(out.end(), bi.begin(), bi.end());
            return Outcome::ok(make_list(std::move(out)));
        }
        std::vector<Value> out = a.obj_as<TupleObject>()->items;
        auto& bi = b.obj_as<TupleObject>()->items;
        out.insert(out.end(), bi.begin(), bi.end());
        return Outcome::ok(make_tuple(std::move(out)));
    }
    if (op == BinaryOp::Mul) {
        if (sa && is_intlike(b)) return repeat(a, intlike(b));
        if (sb && is_intlike(a)) return repeat(b, intlike(a));
    }
    if (op == BinaryOp::Mod && sa && la == Layout::Str) return str_percent_format(*str_of(a), b);
    if (a.is_obj() && b.is_obj()) {
        Layout ta = a.as_obj()->type()->layout(), tb = b.as_obj()->type()->layout();
        if (ta == Layout::Set && tb == Layout::Set) return set_binary(op, a, b);
        if (op == BinaryOp::Or && ta == Layout::Dict && tb == Layout::Dict) {
            Ref<DictObject> d(new DictObject());
            Outcome u = dict_update_from(*d, a, "|");
            if (!u.ok()) return u;
            u = dict_update_from(*d, b, "|");
            if (!u.ok()) return u;
            return Outcome::ok(Value(d));
        }
    }
    return Outcome::ok(not_implemented());
}

// One operand's attempt: its scenario dunder, else the builtin behaviour.
Outcome side(BinaryOp op, const Value& self, const Value& other, bool reflected) {
    if (self.is_obj()) {
        Value fn = find_override(self.as_obj()->type(), dunder(op, reflected ? 1 : 0));
        if (!fn.is_null()) {
            if (fn.is_none()) return Outcome::ok(not_implemented());
            return call_override(fn, self, std::span<const Value>(&other, 1));
        }
    }
    return reflected ? native_binary(op, other, self) : native_binary(op, self, other);
}

// binary_op1
Outcome binary_op1(BinaryOp op, const Value& a, const Value& b) {
    Type* ta = type_of(a);
    Type* tb = type_of(b);
    bool tried_reflected = false;
    if (ta != tb && b.is_obj() && tb->is_subtype(ta) && !find_override(tb, dunder(op, 1)).is_null()) {
        tried_reflected = true;
        Outcome r = side(op, b, a, true);
        if (!r.ok() || !is_not_implemented(r.value)) return r;
    }
    Outcome r = side(op, a, b, false);
    if (!r.ok() || !is_not_implemented(r.value)) return r;
    if (ta != tb && !tried_reflected) {
        Outcome rr = side(op, b, a, true);
        if (!rr.ok() || !is_not_implemented(rr.value)) return rr;
    }
    return Outcome::ok(not_implemented());
}

Outcome binary_error(BinaryOp op, const Value& a, const Value& b, bool inplace) {
    Layout la = Layout::Other, lb = Layout::Other;
    if (op == BinaryOp::Add && is_seq(a, la)) {
        const char* what = la == Layout::Str ? "str" : la == Layout::List ? "list" : "tuple";
        return type_error(std::string("can only concatenate ") + what + " (not \"" + type_name(b) + "\") to " + what);
    }
    if (op == BinaryOp::Mul && (is_seq(a, la) || is_seq(b, lb))) {
        const Value& n = is_seq(a, la) ? b : a;
        return type_error("can't multiply sequence by non-int of type '" + type_name(n) + "'");
    }
    std::string sym = binary_op_symbol(op);
    if (inplace) sym = op == BinaryOp::Pow ? "**=" : sym + "=";
    return type_error("unsupported operand type(s) for " + sym + ": '" + type_name(a) + "' and '" + type_name(b) + "'");
}

Outcome native_inplace(BinaryOp op, const Value& a, const Value& b) {
    if (!a.is_obj()) return Outcome::ok(not_implemented());
    Layout l = a.as_obj()->type()->layout();
    if (l == Layout::List) {
        auto& items = a.obj_as<ListObject>()->items;
        if (op == BinaryOp::Add) {
            std::vector<Value> src;
            Outcome c = collect(b, src);
            if (!c.ok()) return c;
            items.insert(items.end(), src.begin(), src.end());
            return Outcome::ok(a);
        }
        if (op == BinaryOp::Mul && is_intlike(b)) {
            Outcome r = repeat(a, intlike(b));
            if (!r.ok()) return r;
            items = r.value.obj_as<ListObject>()->items;
            return Outcome::ok(a);
        }
    }
    if (l == Layout::Set) return set_inplace(op, a, b);
    if (l == Layout::Dict && op == BinaryOp::Or) {
        Outcome u = dict_update_from(*a.obj_as<DictObject>(), b, "|=");
        if (!u.ok()) return u;
        return Outcome::ok(a);
    }
    return Outcome::ok(not_implemented());
}

}  // namespace

Outcome binary_op(BinaryOp op, const Value& a, const Value& b, bool inplace) {
    Value out;
    switch (op) {
        case BinaryOp::Add: if (fast_add(a, b, out)) return Outcome::ok(out); break;
        case BinaryOp::Sub: if (fast_sub(a, b, out)) return Outcome::ok(out); break;
        case BinaryOp::Mul: if (fast_mul(a, b, out)) return Outcome::ok(out); break;
        default: break;
    }
    if (!a.is_obj() && !b.is_obj()) {
        Outcome r = number_binary(op, a, b);
        if (!r.ok() || !is_not_implemented(r.value)) return r;
        return binary_error(op, a, b, inplace);
    }
    if (inplace) {
        Value fn = a.is_obj() ? find_override(a.as_obj()->type(), dunder(op, 2)) : Value();
        if (!fn.is_null() && !fn.is_none()) {
            Outcome r = call_override(fn, a, std::span<const Value>(&b, 1));
            if (!r.ok() || !is_not_implemented(r.value)) return r;
        } else if (fn.is_null()) {
            Outcome r = native_inplace(op, a, b);
            if (!r.ok() || !is_not_implemented(r.value)) return r;
        }
    }
    Outcome r = binary_op1(op, a, b);
    if (!r.ok() || !is_not_implemented(r.value)) return r;
    return binary_error(op, a, b, inplace);
}

Outcome unary_op(UnaryOp op, const Value& a) {
    if (op == UnaryOp::Not) {
        Outcome t = truthy(a);
        if (!t.ok()) return t;
        return Outcome::ok(Value::boolean(!t.value.as_bool()));
    }
    if (is_intlike(a)) {
        int64_t v = intlike(a);
        switch (op) {
            case UnaryOp::Neg:
                if (v == INT64_MIN) return int_overflow();
                return Outcome::ok(Value::integer(-v));
            case UnaryOp::Pos: return Outcome::ok(Value::integer(v));
            case UnaryOp::Invert: return Outcome::ok(Value::integer(~v));
            default: break;
        }
    }
    if (a.is_float()) {
        if (op == UnaryOp::Neg) return Outcome::ok(Value::floating(-a.as_float()));
        if (op == UnaryOp::Pos) return Outcome::ok(a);
    }
    const char* name = op == UnaryOp::Neg ? "__neg__" : op == UnaryOp::Pos ? "__pos__" : "__invert__";
    Outcome r;
    if (try_dunder(a, name, {}, r)) return r;
    const char* sym = op == UnaryOp::Neg ? "-" : op == UnaryOp::Pos ? "+" : "~";
    return type_error(std::string("bad operand type for unary ") + sym + ": '" + type_name(a) + "'");
}

// ---- items ---------------------------------------------------------------------------------

Outcome getitem(const Value& obj, const Value& key) {
    if (!obj.is_obj()) return type_error("'" + type_name(obj) + "' object is not subscriptable");
    Object* o = obj.as_obj();
    Type* t = o->type();
    if (t == list_type() || t == tuple_type() || t == str_type()) {
        if (t == list_type() && key.is_int()) {
            auto& items = static_cast<ListObject*>(o)->items;
            int64_t i = key.as_int();
            if (i < 0) i += static_cast<int64_t>(items.size());
            if (i >= 0 && i < static_cast<int64_t>(items.size())) return Outcome::ok(items[static_cast<size_t>(i)]);
        }
        return seq_getitem(obj, key);
    }
    Value fn = t == dict_type() ? Value() : find_override(t, "__getitem__");
    if (!fn.is_null()) return call_override(fn, obj, std::span<const Value>(&key, 1));
    switch (t->layout()) {
        case Layout::List:
        case Layout::Tuple:
        case Layout::Str: return seq_getitem(obj, key);
        case Layout::Dict: {
            Outcome h = hash(key);
            if (!h.ok()) return h;
            Outcome err;
            auto* d = static_cast<DictObject*>(o);
            int64_t pos = d->find(key, h.value.as_int(), err);
            if (!err.ok()) return err;
            if (pos >= 0) return Outcome::ok(d->entries[static_cast<size_t>(pos)].value);
            if (t != dict_type()) {
                Value missing = find_override(t, "__missing__");
                if (!missing.is_null()) return call_override(missing, obj, std::span<const Value>(&key, 1));
            }
            return key_error(key);
        }
        case Layout::Type: {
            auto* ty = static_cast<Type*>(o);
            Value cg = find_override(ty, "__class_getitem__");
            if (!cg.is_null()) return call_value(cg, std::span<const Value>(&key, 1));
            // Generic aliases (list[int], dict[str, int]) in annotations evaluate to the
            // class itself: tasklens has no types.GenericAlias.
            static const char* generic[] = {"list", "dict", "tuple", "set", "frozenset", "type"};
            for (const char* g : generic)
                if (ty->module == "builtins" && ty->name() == g) return Outcome::ok(obj);
            return type_error("type '" + ty->name() + "' is not subscriptable");
        }
        default: break;
    }
    if (auto* r = as_range(obj)) return range_getitem(*r, key);
    return type_error("'" + t->name() + "' object is not subscriptable");
}

Outcome setitem(const Value& obj, const Value& key, Value value) {
    if (obj.is_obj()) {
        Object* o = obj.as_obj();
        Type* t = o->type();
        Value fn = (t == list_type() || t == dict_type()) ? Value() : find_override(t, "__setitem__");
        if (!fn.is_null()) {
            Value args[2] = {key, value};
            return call_override(fn, obj, args);
        }
        if (t->layout() == Layout::List) return list_setitem(*static_cast<ListObject*>(o), key, value);
        if (t->layout() == Layout::Dict) {
            Outcome err;
            if (!static_cast<DictObject*>(o)->set(key, std::move(value), err)) return err;
            return ok_none();
        }
    }
    return type_error("'" + type_name(obj) + "' object does not support item assignment");
}

Outcome delitem(const Value& obj, const Value& key) {
    if (obj.is_obj()) {
        Object* o = obj.as_obj();
        Type* t = o->type();
        Value fn = (t == list_type() || t == dict_type()) ? Value() : find_override(t, "__delitem__");
        if (!fn.is_null()) return call_override(fn, obj, std::span<const Value>(&key, 1));
        if (t->layout() == Layout::List) return list_delitem(*static_cast<ListObject*>(o), key);
        if (t->layout() == Layout::Dict) return dict_del(obj, key);
    }
    return type_error("'" + type_name(obj) + "' object doesn't support item deletion");
}

}  // namespace tl
