// Rich comparison (Objects/object.c do_richcompare: the reflected operand first when it is
// a subclass, NotImplemented fallbacks, identity for ==/!=), exact int/float comparison
// (float_richcompare), lexicographic sequences, dict/set equality; plus `in`, truth and len().
#include <cmath>

#include "daemon/object/dict.h"
#include "daemon/object/ops_support.h"
#include "daemon/object/range.h"
#include "daemon/object/set.h"

namespace tl {

namespace {

const char* op_text(CompareOp op) {
    switch (op) {
        case CompareOp::Lt: return "<";
        case CompareOp::Le: return "<=";
        case CompareOp::Eq: return "==";
        case CompareOp::Ne: return "!=";
        case CompareOp::Gt: return ">";
        case CompareOp::Ge: return ">=";
    }
    return "?";
}

const char* op_dunder(CompareOp op) {
    switch (op) {
        case CompareOp::Lt: return "__lt__";
        case CompareOp::Le: return "__le__";
        case CompareOp::Eq: return "__eq__";
        case CompareOp::Ne: return "__ne__";
        case CompareOp::Gt: return "__gt__";
        case CompareOp::Ge: return "__ge__";
    }
    return "";
}

CompareOp swapped(CompareOp op) {
    switch (op) {
        case CompareOp::Lt: return CompareOp::Gt;
        case CompareOp::Le: return CompareOp::Ge;
        case CompareOp::Gt: return CompareOp::Lt;
        case CompareOp::Ge: return CompareOp::Le;
        default: return op;
    }
}

template <class T>
bool apply(CompareOp op, const T& x, const T& y) {
    switch (op) {
        case CompareOp::Lt: return x < y;
        case CompareOp::Le: return x <= y;
        case CompareOp::Eq: return x == y;
        case CompareOp::Ne: return x != y;
        case CompareOp::Gt: return x > y;
        case CompareOp::Ge: return x >= y;
    }
    return false;
}

// -1/0/1 comparing an int64 with a finite or infinite (non-NaN) double exactly.
int cmp_int_double(int64_t i, double d) {
    if (d >= 9223372036854775808.0) return -1;
    if (d < -9223372036854775808.0) return 1;
    double fl = std::floor(d);
    int64_t t = static_cast<int64_t>(fl);
    if (i < t) return -1;
    if (i > t) return 1;
    return fl == d ? 0 : -1;  // i == floor(d) < d
}

Outcome bool_result(bool b) { return Outcome::ok(Value::boolean(b)); }

Outcome number_compare(CompareOp op, const Value& a, const Value& b) {
    bool ai = is_intlike(a), bi = is_intlike(b);
    if (ai && bi) return bool_result(apply(op, intlike(a), intlike(b)));
    if (a.is_float() && b.is_float()) return bool_result(apply(op, a.as_float(), b.as_float()));
    double d;
    int64_t i;
    bool int_left;
    if (ai && b.is_float()) { i = intlike(a); d = b.as_float(); int_left = true; }
    else if (a.is_float() && bi) { i = intlike(b); d = a.as_float(); int_left = false; }
    else return Outcome::ok(not_implemented());
    if (std::isnan(d)) return bool_result(op == CompareOp::Ne);
    int c = cmp_int_double(i, d);
    if (!int_left) c = -c;
    return bool_result(apply(op, c, 0));
}

Outcome sequence_compare(CompareOp op, const std::vector<Value>& x, const std::vector<Value>& y) {
    size_t n = std::min(x.size(), y.size());
    size_t i = 0;
    for (; i < n; ++i) {
        Outcome e = equals(x[i], y[i]);
        if (!e.ok()) return e;
        if (!e.value.as_bool()) break;
    }
    if (i >= x.size() || i >= y.size()) return bool_result(apply(op, x.size(), y.size()));
    if (op == CompareOp::Eq) return bool_result(false);
    if (op == CompareOp::Ne) return bool_result(true);
    return compare(op, x[i], y[i]);
}

Outcome dict_equal(DictObject& a, DictObject& b) {
    if (a.size() != b.size()) return bool_result(false);
    for (size_t k = 0; k < a.entries.size(); ++k) {
        if (a.entries[k].key.is_null()) continue;
        Value key = a.entries[k].key, val = a.entries[k].value;
        Outcome err;
        int64_t pos = b.find(key, a.entries[k].hash, err);
        if (!err.ok()) return err;
        if (pos < 0) return bool_result(false);
        Value other = b.entries[static_cast<size_t>(pos)].value;
        Outcome e = equals(val, other);
        if (!e.ok()) return e;
        if (!e.value.as_bool()) return bool_result(false);
    }
    return bool_result(true);
}

// The comparison a builtin type implements for (a, b), NotImplemented when it has none.
Outcome native_compare(CompareOp op, const Value& a, const Value& b) {
    if (!a.is_obj() || !b.is_obj()) {
        Outcome r = number_compare(op, a, b);
        if (!is_not_implemented(r.value)) return r;
        if (a.is_none() && b.is_none() && (op == CompareOp::Eq || op == CompareOp::Ne)) return bool_result(op == CompareOp::Eq);
        return Outcome::ok(not_implemented());
    }
    Type* ta = a.as_obj()->type();
    Type* tb = b.as_obj()->type();
    Layout la = ta->layout(), lb = tb->layout();
    if (la == Layout::Str && lb == Layout::Str) return bool_result(apply(op, *str_of(a), *str_of(b)));
    if (la == Layout::Tuple && lb == Layout::Tuple)
        return sequence_compare(op, a.obj_as<TupleObject>()->items, b.obj_as<TupleObject>()->items);
    if (la == Layout::List && lb == Layout::List) {
        std::vector<Value> x = a.obj_as<ListObject>()->items, y = b.obj_as<ListObject>()->items;
        return sequence_compare(op, x, y);
    }
    if (la == Layout::Dict && lb == Layout::Dict && (op == CompareOp::Eq || op == CompareOp::Ne)) {
        Outcome r = dict_equal(*a.obj_as<DictObject>(), *b.obj_as<DictObject>());
        if (r.ok() && op == CompareOp::Ne) r.value = Value::boolean(!r.value.as_bool());
        return r;
    }
    if (la == Layout::Set && lb == Layout::Set) return set_compare(op, *a.obj_as<SetObject>(), *b.obj_as<SetObject>());
    if (op == CompareOp::Eq || op == CompareOp::Ne) {
        bool eq;
        if (ta == range_type() && tb == range_type()) {
            auto* x = a.obj_as<RangeObject>();
            auto* y = b.obj_as<RangeObject>();
            eq = x->length == y->length &&
                 (x->length == 0 || (x->start == y->start && (x->length == 1 || x->step == y->step)));
            return bool_result(eq == (op == CompareOp::Eq));
        }
        if (ta == bound_method_type() && tb == bound_method_type()) {
            auto* x = a.obj_as<BoundMethod>();
            auto* y = b.obj_as<BoundMethod>();
            if (!x->self.is(y->self)) return bool_result(op == CompareOp::Ne);
            Outcome e = equals(x->function, y->function);
            if (!e.ok()) return e;
            return bool_result(e.value.as_bool() == (op == CompareOp::Eq));
        }
        if (ta == native_function_type() && tb == native_function_type()) {
            auto* x = a.obj_as<NativeFunction>();
            auto* y = b.obj_as<NativeFunction>();
            eq = x == y || (x->fn == y->fn && x->self.is(y->self));
            return bool_result(eq == (op == CompareOp::Eq));
        }
        if (ta->name() == "dict_keys" || ta->name() == "dict_items") {
            // Set-like views compare as sets of their items.
            std::vector<Value> xs, ys;
            Outcome r1 = collect(a, xs);
            if (!r1.ok()) return r1;
            Outcome r2 = collect(b, ys);
            if (!r2.ok()) return r2;
            Outcome sa = make_set_checked(xs), sb = make_set_checked(ys);
            if (!sa.ok()) return sa;
            if (!sb.ok()) return sb;
            return set_compare(op, *sa.value.obj_as<SetObject>(), *sb.value.obj_as<SetObject>());
        }
    }
    if (ta == slice_type() && tb == slice_type()) {
        auto* x = a.obj_as<SliceObject>();
        auto* y = b.obj_as<SliceObject>();
        return sequence_compare(op, {x->start, x->stop, x->step}, {y->start, y->stop, y->step});
    }
    return Outcome::ok(not_implemented());
}

// One side's attempt: its scenario dunder if it has one, else the native comparison.
Outcome side_compare(CompareOp op, const Value& self, const Value& other, bool& has_override) {
    has_override = false;
    if (self.is_obj()) {
        Value fn = find_override(self.as_obj()->type(), op_dunder(op));
        if (!fn.is_null()) {
            has_override = true;
            if (fn.is_none()) return Outcome::ok(not_implemented());
            return call_override(fn, self, std::span<const Value>(&other, 1));
        }
    }
    return native_compare(op, self, other);
}

}  // namespace

Outcome native_eq(const Value& a, const Value& b) { return native_compare(CompareOp::Eq, a, b); }

Outcome compare(CompareOp op, const Value& a, const Value& b) {
    bool fast;
    if (fast_compare(op, a, b, fast)) return bool_result(fast);
    Type* ta = type_of(a);
    Type* tb = type_of(b);
    bool checked_reverse = false;
    bool ov = false;
    if (ta != tb && tb->is_subtype(ta) && b.is_obj() &&
        !find_override(tb, op_dunder(swapped(op))).is_null()) {
        checked_reverse = true;
        Outcome r = side_compare(swapped(op), b, a, ov);
        if (!r.ok() || !is_not_implemented(r.value)) return r;
    }
    Outcome r = side_compare(op, a, b, ov);
    if (!r.ok() || !is_not_implemented(r.value)) return r;
    if (!checked_reverse) {
        Outcome rr = side_compare(swapped(op), b, a, ov);
        if (!rr.ok() || !is_not_implemented(rr.value)) return rr;
    }
    if (op == CompareOp::Eq) return bool_result(a.is(b));
    if (op == CompareOp::Ne) return bool_result(!a.is(b));
    return type_error(std::string("'") + op_text(op) + "' not supported between instances of '" + ta->name() +
                      "' and '" + tb->name() + "'");
}

Outcome equals(const Value& a, const Value& b) {
    // PyObject_RichCompareBool's identity shortcut (not for floats: tasklens floats are
    // values, so two NaNs would look identical).
    if (a.is_obj() && a.is(b)) return bool_result(true);
    bool fast;
    if (fast_compare(CompareOp::Eq, a, b, fast)) return bool_result(fast);
    if (a.is_obj() && b.is_obj() && a.as_obj()->type() == str_type() && b.as_obj()->type() == str_type())
        return bool_result(*str_of(a) == *str_of(b));
    Outcome r = compare(CompareOp::Eq, a, b);
    if (!r.ok()) return r;
    if (r.value.is_bool()) return r;
    return truthy(r.value);
}

Outcome truthy(const Value& v) {
    bool b;
    if (fast_truthy(v, b)) return bool_result(b);
    if (v.is_null()) return bool_result(false);
    Object* o = v.as_obj();
    Type* t = o->type();
    if (t == str_type()) return bool_result(!static_cast<StrObject*>(o)->value.empty());
    if (t == list_type()) return bool_result(!static_cast<ListObject*>(o)->items.empty());
    if (t == tuple_type()) return bool_result(!static_cast<TupleObject*>(o)->items.empty());
    if (t == dict_type()) return bool_result(static_cast<DictObject*>(o)->size() != 0);
    Value fn = find_override(t, "__bool__");
    if (!fn.is_null()) {
        Outcome r = call_override(fn, v, {});
        if (!r.ok()) return r;
        if (!r.value.is_bool()) return type_error("__bool__ should return bool, returned " + type_name(r.value));
        return r;
    }
    fn = find_override(t, "__len__");
    if (!fn.is_null()) {
        Outcome r = len(v);
        if (!r.ok()) return r;
        return bool_result(r.value.as_int() != 0);
    }
    switch (t->layout()) {
        case Layout::Str: return bool_result(!str_of(v)->empty());
        case Layout::List: return bool_result(!v.obj_as<ListObject>()->items.empty());
        case Layout::Tuple: return bool_result(!v.obj_as<TupleObject>()->items.empty());
        case Layout::Dict: return bool_result(v.obj_as<DictObject>()->size() != 0);
        case Layout::Set: return bool_result(v.obj_as<SetObject>()->size() != 0);
        default: break;
    }
    if (auto* r = as_range(v)) return bool_result(r->length != 0);
    if (t == none_type()) return bool_result(false);
    if (t->name() == "dict_keys" || t->name() == "dict_values" || t->name() == "dict_items")
        return bool_result(static_cast<DictViewObject*>(o)->dict->size() != 0);
    return bool_result(true);
}

Outcome len(const Value& v) {
    if (v.is_obj()) {
        Object* o = v.as_obj();
        Type* t = o->type();
        Value fn = (t == str_type() || t == list_type() || t == tuple_type() || t == dict_type())
                       ? Value() : find_override(t, "__len__");
        if (!fn.is_null()) {
            Outcome r = call_override(fn, v, {});
            if (!r.ok()) return r;
            int64_t n;
            Outcome err;
            if (!is_intlike(r.value)) {
                return type_error("'" + type_name(r.value) + "' object cannot be interpreted as an integer");
            }
            n = intlike(r.value);
            if (n < 0) return value_error("__len__() should return >= 0");
            return Outcome::ok(Value::integer(n));
        }
        switch (t->layout()) {
            case Layout::Str: return Outcome::ok(Value::integer(static_cast<int64_t>(utf8_length(*str_of(v)))));
            case Layout::List: return Outcome::ok(Value::integer(static_cast<int64_t>(v.obj_as<ListObject>()->items.size())));
            case Layout::Tuple: return Outcome::ok(Value::integer(static_cast<int64_t>(v.obj_as<TupleObject>()->items.size())));
            case Layout::Dict: return Outcome::ok(Value::integer(static_cast<int64_t>(v.obj_as<DictObject>()->size())));
            case Layout::Set: return Outcome::ok(Value::integer(static_cast<int64_t>(v.obj_as<SetObject>()->size())));
            default: break;
        }
        if (auto* r = as_range(v)) return Outcome::ok(Value::integer(r->length));
        if (t->name() == "dict_keys" || t->name() == "dict_values" || t->name() == "dict_items")
            return Outcome::ok(Value::integer(static_cast<int64_t>(static_cast<DictViewObject*>(o)->dict->size())));
    }
    return type_error("object of type '" + type_name(v) + "' has no len()");
}

Outcome contains(const Value& container, const Value& item) {
    if (!container.is_obj()) return type_error("argument of type '" + type_name(container) + "' is not iterable");
    Object* o = container.as_obj();
    Type* t = o->type();
    Value fn = find_override(t, "__contains__");
    if (!fn.is_null()) {
        Outcome r = call_override(fn, container, std::span<const Value>(&item, 1));
        if (!r.ok()) return r;
        return truthy(r.value);
    }
    switch (t->layout()) {
        case Layout::Str: {
            const std::string* needle = str_of(item);
            if (!needle) return type_error("'in <string>' requires string as left operand, not " + type_name(item));
            return bool_result(str_of(container)->find(*needle) != std::string::npos);
        }
        case Layout::List:
        case Layout::Tuple: {
            std::vector<Value>& items = t->layout() == Layout::List ? container.obj_as<ListObject>()->items
                                                                    : container.obj_as<TupleObject>()->items;
            for (size_t i = 0; i < items.size(); ++i) {
                Value x = items[i];
                Outcome e = equals(x, item);
                if (!e.ok()) return e;
                if (e.value.as_bool()) return bool_result(true);
            }
            return bool_result(false);
        }
        case Layout::Dict: {
            Outcome h = hash(item);
            if (!h.ok()) return h;
            Outcome err;
            int64_t pos = container.obj_as<DictObject>()->find(item, h.value.as_int(), err);
            if (!err.ok()) return err;
            return bool_result(pos >= 0);
        }
        case Layout::Set: {
            bool found = false;
            Outcome err;
            if (!container.obj_as<SetObject>()->contains(item, found, err)) {
                // `[1] in {…}`: CPython retries an unhashable set as a frozenset; others raise.
                return err;
            }
            return bool_result(found);
        }
        default: break;
    }
    if (auto* r = as_range(container)) {
        if (is_intlike(item)) {
            int64_t x = intlike(item);
            if (r->length == 0) return bool_result(false);
            if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop)) return bool_result(false);
            return bool_result((x - r->start) % r->step == 0);
        }
    }
    if (t->name() == "dict_keys" || t->name() == "dict_items") {
        auto* view = static_cast<DictViewObject*>(o);
        if (view->kind == DictViewKind::Keys) return contains(Value(view->dict), item);
        if (!item.is_obj() || item.as_obj()->type()->layout() != Layout::Tuple ||
            item.obj_as<TupleObject>()->items.size() != 2) return bool_result(false);
        auto& kv = item.obj_as<TupleObject>()->items;
        Outcome v = dict_get(Value(view->dict), kv[0]);
        if (!v.ok()) return v;
        if (v.value.is_null()) return bool_result(false);
        return equals(v.value, kv[1]);
    }
    // The iteration protocol (__iter__ or __getitem__).
    bool iterable = t->layout() != Layout::Object || !find_override(t, "__iter__").is_null() ||
                    !find_override(t, "__getitem__").is_null();
    if (!iterable) return type_error("argument of type '" + t->name() + "' is not iterable");
    Outcome it = iter(container);
    if (!it.ok()) {
        if (it.exc->is_instance(exc_types().TypeError)) return type_error("argument of type '" + t->name() + "' is not iterable");
        return it;
    }
    for (;;) {
        Outcome n = next(it.value);
        if (!n.ok()) return n;
        if (n.value.is_null()) return bool_result(false);
        Outcome e = equals(n.value, item);
        if (!e.ok()) return e;
        if (e.value.as_bool()) return bool_result(true);
    }
}

}  // namespace tl
