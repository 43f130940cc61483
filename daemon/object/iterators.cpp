// Iteration: iter()/next() over every builtin iterable and the iterator objects behind
// them (list/tuple/str/range/dict/set iterators, reversed, enumerate, zip, map, filter,
// the __getitem__ sequence protocol, iter(callable, sentinel)), plus range itself.
// next() answers a Null value at the end instead of raising StopIteration.
#include "daemon/object/dict.h"
#include "daemon/object/ops_support.h"
#include "daemon/object/range.h"
#include "daemon/object/set.h"

namespace tl {

namespace {
Outcome runtime_error(std::string msg) { return raise(exc_types().RuntimeError, std::move(msg)); }
Outcome exhausted() { return Outcome::ok(Value()); }
}  // namespace

// ---- range ---------------------------------------------------------------------------

RangeObject::RangeObject(int64_t start, int64_t stop, int64_t step)
    : Object(range_type()), start(start), stop(stop), step(step) {
    __int128 n = 0;
    if (step > 0 && start < stop) n = ((__int128)stop - start - 1) / step + 1;
    else if (step < 0 && start > stop) n = ((__int128)start - stop - 1) / (-(__int128)step) + 1;
    length = n > INT64_MAX ? INT64_MAX : static_cast<int64_t>(n);
}

Outcome range_getitem(const RangeObject& r, const Value& key) {
    if (is_intlike(key)) {
        int64_t i = intlike(key);
        if (i < 0) i += r.length;
        if (i < 0 || i >= r.length) return index_error("range object index out of range");
        return Outcome::ok(Value::integer(r.at(i)));
    }
    if (as_slice(key)) {
        int64_t start, stop, step, slen;
        Outcome err;
        if (!slice_indices(key, r.length, start, stop, step, slen, err)) return err;
        int64_t new_step = r.step * step;
        int64_t new_start = r.start + start * r.step;
        int64_t new_stop = r.start + stop * r.step;  // compute_slice: the adjusted stop index
        (void)slen;
        return Outcome::ok(Value(new RangeObject(new_start, new_stop, new_step)));
    }
    int64_t i;
    Outcome err;
    if (key.is_obj() && !find_override(key.as_obj()->type(), "__index__").is_null() && index_arg(key, i, err))
        return range_getitem(r, Value::integer(i));
    return type_error("range indices must be integers or slices, not " + type_name(key));
}

namespace {

Outcome r_index(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("index", args, 1, 1, err)) return err;
    auto* r = self.obj_as<RangeObject>();
    Outcome in = contains(self, args[0]);
    if (!in.ok()) return in;
    if (in.value.as_bool()) {
        if (is_intlike(args[0])) return Outcome::ok(Value::integer((intlike(args[0]) - r->start) / r->step));
        for (int64_t i = 0; i < r->length; ++i) {
            Outcome e = equals(Value::integer(r->at(i)), args[0]);
            if (!e.ok()) return e;
            if (e.value.as_bool()) return Outcome::ok(Value::integer(i));
        }
    }
    return value_error(repr_string(args[0]) + " is not in range");
}

Outcome r_count(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("count", args, 1, 1, err)) return err;
    if (is_intlike(args[0])) {
        Outcome in = contains(self, args[0]);
        if (!in.ok()) return in;
        return Outcome::ok(Value::integer(in.value.as_bool() ? 1 : 0));
    }
    auto* r = self.obj_as<RangeObject>();
    int64_t c = 0;
    for (int64_t i = 0; i < r->length; ++i) {
        Outcome e = equals(Value::integer(r->at(i)), args[0]);
        if (!e.ok()) return e;
        if (e.value.as_bool()) ++c;
    }
    return Outcome::ok(Value::integer(c));
}

}  // namespace

void install_range_methods() {
    add_method<r_index>(range_type(), "index");
    add_method<r_count>(range_type(), "count");
}

// ---- iterator objects ----------------------------------------------------------------------

Type* iterator_type(IterKind k) {
    static Type* types[16] = {};
    int i = static_cast<int>(k);
    if (!types[i]) {
        static const char* names[] = {"list_iterator", "list_reverseiterator", "str_iterator", "reversed",
                                      "range_iterator", "enumerate", "zip", "map", "filter", "iterator",
                                      "callable_iterator", "dict_keyiterator", "dict_valueiterator",
                                      "dict_itemiterator", "set_iterator"};
        types[i] = new Type(names[i], {}, Layout::Other);
        types[i]->make_immortal();
    }
    return types[i];
}

namespace {

// iterator.__next__() and iterator.__iter__(): the tp_iternext / tp_iter slots (PyIter_Self)
// as methods, so `it.__next__()` works as next(it) does, StopIteration when exhausted.
Outcome it_next(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("__next__", args, 0, 0, err)) return err;
    Outcome r = next(self);
    if (!r.ok()) return r;
    if (r.value.is_null()) return Outcome::raise(make_exception(exc_types().StopIteration));
    return r;
}

Outcome it_iter(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("__iter__", args, 0, 0, err)) return err;
    return Outcome::ok(self);
}

}  // namespace

void install_iterator_methods() {
    for (int k = 0; k <= static_cast<int>(IterKind::Set); ++k) {
        add_method<it_next>(iterator_type(static_cast<IterKind>(k)), "__next__");
        add_method<it_iter>(iterator_type(static_cast<IterKind>(k)), "__iter__");
    }
}

bool is_iterator_object(const Value& v) {
    if (!v.is_obj()) return false;
    Type* t = v.as_obj()->type();
    for (int k = 0; k <= static_cast<int>(IterKind::Set); ++k)
        if (t == iterator_type(static_cast<IterKind>(k))) return true;
    return false;
}

namespace {

Value new_iter(IterKind k, Value source) {
    auto* it = new IterObject(k);
    it->source = std::move(source);
    return Value(it);
}

bool is_scenario_iterator(const Value& v) {
    return v.is_obj() && !find_override(v.as_obj()->type(), "__next__").is_null();
}

}  // namespace

Outcome iter(const Value& obj) {
    if (!obj.is_obj()) return type_error("'" + type_name(obj) + "' object is not iterable");
    Object* o = obj.as_obj();
    Type* t = o->type();
    if (t == list_type() || t == tuple_type()) return Outcome::ok(new_iter(IterKind::Seq, obj));
    if (t == str_type()) return Outcome::ok(new_iter(IterKind::Str, obj));
    if (is_iterator_object(obj)) return Outcome::ok(obj);
    Value fn = find_override(t, "__iter__");
    if (!fn.is_null()) {
        if (fn.is_none()) return type_error("'" + t->name() + "' object is not iterable");
        Outcome r = call_override(fn, obj, {});
        if (!r.ok()) return r;
        if (!is_iterator_object(r.value) && !is_scenario_iterator(r.value)) {
            return type_error("iter() returned non-iterator of type '" + type_name(r.value) + "'");
        }
        return r;
    }
    switch (t->layout()) {
        case Layout::List:
        case Layout::Tuple: return Outcome::ok(new_iter(IterKind::Seq, obj));
        case Layout::Str: return Outcome::ok(new_iter(IterKind::Str, obj));
        case Layout::Dict: return Outcome::ok(make_dict_iter(DictViewKind::Keys, Ref<DictObject>(obj.obj_as<DictObject>())));
        case Layout::Set: return Outcome::ok(make_set_iter(Ref<SetObject>(obj.obj_as<SetObject>())));
        default: break;
    }
    if (auto* r = as_range(obj)) {
        auto* it = new IterObject(IterKind::Range);
        it->pos = r->start;
        it->step = r->step;
        it->end = r->length;
        return Outcome::ok(Value(it));
    }
    if (t->name() == "dict_keys" || t->name() == "dict_values" || t->name() == "dict_items") {
        auto* view = static_cast<DictViewObject*>(o);
        return Outcome::ok(make_dict_iter(view->kind, view->dict));
    }
    if (!find_override(t, "__next__").is_null()) {
        // An iterator class without __iter__ is still not iterable in Python.
        return type_error("'" + t->name() + "' object is not iterable");
    }
    if (!find_override(t, "__getitem__").is_null()) return Outcome::ok(new_iter(IterKind::SeqProtocol, obj));
    return type_error("'" + t->name() + "' object is not iterable");
}

Outcome next(const Value& iterator) {
    if (!iterator.is_obj()) return type_error("'" + type_name(iterator) + "' object is not an iterator");
    if (!is_iterator_object(iterator)) {
        Value fn = find_override(iterator.as_obj()->type(), "__next__");
        if (fn.is_null()) return type_error("'" + type_name(iterator) + "' object is not an iterator");
        Outcome r = call_override(fn, iterator, {});
        if (!r.ok() && r.exc->is_instance(exc_types().StopIteration)) return exhausted();
        return r;
    }
    auto* it = iterator.obj_as<IterObject>();
    if (it->done) return exhausted();
    switch (it->kind) {
        case IterKind::Seq: {
            const Value& src = it->source;
            const std::vector<Value>& items = src.as_obj()->type()->layout() == Layout::List
                                                  ? src.obj_as<ListObject>()->items
                                                  : src.obj_as<TupleObject>()->items;
            if (it->pos < static_cast<int64_t>(items.size())) return Outcome::ok(items[static_cast<size_t>(it->pos++)]);
            it->done = true;
            it->source = Value::none();
            return exhausted();
        }
        case IterKind::SeqRev: {
            const Value& src = it->source;
            Layout l = src.as_obj()->type()->layout();
            if (l == Layout::List || l == Layout::Tuple) {
                const std::vector<Value>& items = l == Layout::List ? src.obj_as<ListObject>()->items : src.obj_as<TupleObject>()->items;
                if (it->pos >= 0 && it->pos < static_cast<int64_t>(items.size())) return Outcome::ok(items[static_cast<size_t>(it->pos--)]);
                it->done = true;
                return exhausted();
            }
            if (it->pos < 0) { it->done = true; return exhausted(); }
            Outcome r = getitem(src, Value::integer(it->pos--));
            if (!r.ok() && (r.exc->is_instance(exc_types().IndexError) || r.exc->is_instance(exc_types().StopIteration))) {
                it->done = true;
                return exhausted();
            }
            return r;
        }
        case IterKind::Str: {
            const std::string& s = *str_of(it->source);
            size_t p = static_cast<size_t>(it->pos);
            if (p >= s.size()) { it->done = true; return exhausted(); }
            size_t q = p + 1;
            while (q < s.size() && (static_cast<unsigned char>(s[q]) & 0xC0) == 0x80) ++q;
            it->pos = static_cast<int64_t>(q);
            return Outcome::ok(make_str(s.substr(p, q - p)));
        }
        case IterKind::StrRev: {
            const std::string& s = *str_of(it->source);
            int64_t p = it->pos;  // byte index one past the next code point to yield
            if (p <= 0) { it->done = true; return exhausted(); }
            int64_t q = p - 1;
            while (q > 0 && (static_cast<unsigned char>(s[static_cast<size_t>(q)]) & 0xC0) == 0x80) --q;
            it->pos = q;
            return Outcome::ok(make_str(s.substr(static_cast<size_t>(q), static_cast<size_t>(p - q))));
        }
        case IterKind::Range: {
            if (it->end <= 0) { it->done = true; return exhausted(); }
            int64_t v = it->pos;
            --it->end;
            it->pos += it->step;
            return Outcome::ok(Value::integer(v));
        }
        case IterKind::Enumerate: {
            Outcome n = next(it->inner[0]);
            if (!n.ok()) return n;
            if (n.value.is_null()) { it->done = true; return exhausted(); }
            int64_t idx;
            if (__builtin_add_overflow(it->pos, 0, &idx)) return int_overflow();
            Value count = Value::integer(it->pos);
            if (__builtin_add_overflow(it->pos, 1, &it->pos)) return int_overflow();
            return Outcome::ok(make_tuple({count, n.value}));
        }
        case IterKind::Zip: {
            if (it->inner.empty()) { it->done = true; return exhausted(); }
            std::vector<Value> row;
            row.reserve(it->inner.size());
            for (size_t i = 0; i < it->inner.size(); ++i) {
                Outcome n = next(it->inner[i]);
                if (!n.ok()) return n;
                if (n.value.is_null()) {
                    it->done = true;
                    if (!it->strict) return exhausted();
                    if (i > 0) {
                        std::string which = i == 1 ? "argument 1" : "arguments 1-" + std::to_string(i);
                        return value_error("zip() argument " + std::to_string(i + 1) + " is shorter than " + which);
                    }
                    for (size_t j = 1; j < it->inner.size(); ++j) {
                        Outcome m = next(it->inner[j]);
                        if (!m.ok()) return m;
                        if (!m.value.is_null()) {
                            std::string which = j == 1 ? "argument 1" : "arguments 1-" + std::to_string(j);
                            return value_error("zip() argument " + std::to_string(j + 1) + " is longer than " + which);
                        }
                    }
                    return exhausted();
                }
                row.push_back(n.value);
            }
            return Outcome::ok(make_tuple(std::move(row)));
        }
        case IterKind::Map: {
            std::vector<Value> args;
            for (auto& in : it->inner) {
                Outcome n = next(in);
                if (!n.ok()) return n;
                if (n.value.is_null()) { it->done = true; return exhausted(); }
                args.push_back(n.value);
            }
            return call_value(it->source, args);
        }
        case IterKind::Filter: {
            for (;;) {
                Outcome n = next(it->inner[0]);
                if (!n.ok()) return n;
                if (n.value.is_null()) { it->done = true; return exhausted(); }
                Value keep_v = n.value;
                if (!it->source.is_none()) {
                    Outcome k = call_value(it->source, std::span<const Value>(&n.value, 1));
                    if (!k.ok()) return k;
                    keep_v = k.value;
                }
                Outcome t = truthy(keep_v);
                if (!t.ok()) return t;
                if (t.value.as_bool()) return n;
            }
        }
        case IterKind::SeqProtocol: {
            Outcome r = getitem(it->source, Value::integer(it->pos++));
            if (!r.ok() && (r.exc->is_instance(exc_types().IndexError) || r.exc->is_instance(exc_types().StopIteration))) {
                it->done = true;
                return exhausted();
            }
            return r;
        }
        case IterKind::Callable: {
            Outcome r = call_value(it->source, {});
            if (!r.ok()) {
                if (r.exc->is_instance(exc_types().StopIteration)) { it->done = true; return exhausted(); }
                return r;
            }
            Outcome e = equals(r.value, it->extra);
            if (!e.ok()) return e;
            if (e.value.as_bool()) { it->done = true; return exhausted(); }
            return r;
        }
        case IterKind::DictKeys:
        case IterKind::DictValues:
        case IterKind::DictItems: {
            auto* d = it->source.obj_as<DictObject>();
            if (static_cast<int64_t>(d->size()) != it->end) {
                it->done = true;
                return runtime_error("dictionary changed size during iteration");
            }
            while (it->pos >= 0 && it->pos < static_cast<int64_t>(d->entries.size())) {
                auto& e = d->entries[static_cast<size_t>(it->pos)];
                it->pos += it->step;
                if (e.key.is_null()) continue;
                if (it->kind == IterKind::DictKeys) return Outcome::ok(e.key);
                if (it->kind == IterKind::DictValues) return Outcome::ok(e.value);
                return Outcome::ok(make_tuple({e.key, e.value}));
            }
            it->done = true;
            return exhausted();
        }
        case IterKind::Set: {
            auto* s = it->source.obj_as<SetObject>();
            if (static_cast<int64_t>(s->size()) != it->end) {
                it->done = true;
                return runtime_error("Set changed size during iteration");
            }
            while (it->pos < static_cast<int64_t>(s->table.size())) {
                auto& e = s->table[static_cast<size_t>(it->pos++)];
                if (!e.key.is_null()) return Outcome::ok(e.key);
            }
            it->done = true;
            return exhausted();
        }
    }
    return exhausted();
}

Outcome collect(const Value& iterable, std::vector<Value>& out) {
    if (iterable.is_obj()) {
        Type* t = iterable.as_obj()->type();
        if (t == list_type()) {
            auto& items = iterable.obj_as<ListObject>()->items;
            out.insert(out.end(), items.begin(), items.end());
            return ok_none();
        }
        if (t == tuple_type()) {
            auto& items = iterable.obj_as<TupleObject>()->items;
            out.insert(out.end(), items.begin(), items.end());
            return ok_none();
        }
    }
    Outcome it = iter(iterable);
    if (!it.ok()) return it;
    for (;;) {
        Outcome n = next(it.value);
        if (!n.ok()) return n;
        if (n.value.is_null()) return ok_none();
        out.push_back(std::move(n.value));
    }
}

// ---- the iterator builtins ----------------------------------------------------------------

Outcome make_reversed(const Value& obj) {
    if (obj.is_obj()) {
        Type* t = obj.as_obj()->type();
        Value fn = find_override(t, "__reversed__");
        if (!fn.is_null()) return call_override(fn, obj, {});
        Layout l = t->layout();
        if (l == Layout::List || l == Layout::Tuple) {
            auto* it = new IterObject(IterKind::SeqRev);
            it->source = obj;
            it->pos = static_cast<int64_t>(l == Layout::List ? obj.obj_as<ListObject>()->items.size()
                                                             : obj.obj_as<TupleObject>()->items.size()) - 1;
            return Outcome::ok(Value(it));
        }
        if (l == Layout::Str) {
            auto* it = new IterObject(IterKind::StrRev);
            it->source = obj;
            it->pos = static_cast<int64_t>(str_of(obj)->size());
            return Outcome::ok(Value(it));
        }
        if (l == Layout::Dict) return Outcome::ok(make_dict_iter(DictViewKind::Keys, Ref<DictObject>(obj.obj_as<DictObject>()), true));
        if (t->name() == "dict_keys" || t->name() == "dict_values" || t->name() == "dict_items") {
            auto* view = obj.obj_as<DictViewObject>();
            return Outcome::ok(make_dict_iter(view->kind, view->dict, true));
        }
        if (auto* r = as_range(obj)) {
            auto* it = new IterObject(IterKind::Range);
            it->pos = r->length ? r->at(r->length - 1) : 0;
            it->step = -r->step;
            it->end = r->length;
            return Outcome::ok(Value(it));
        }
        if (!find_override(t, "__len__").is_null() && !find_override(t, "__getitem__").is_null()) {
            Outcome n = len(obj);
            if (!n.ok()) return n;
            auto* it = new IterObject(IterKind::SeqRev);
            it->source = obj;
            it->pos = n.value.as_int() - 1;
            return Outcome::ok(Value(it));
        }
    }
    return type_error("'" + type_name(obj) + "' object is not reversible");
}

Outcome make_enumerate(const Value& iterable, int64_t start) {
    Outcome it = iter(iterable);
    if (!it.ok()) return it;
    auto* e = new IterObject(IterKind::Enumerate);
    e->inner.push_back(it.value);
    e->pos = start;
    return Outcome::ok(Value(e));
}

Outcome make_zip(Args iterables, bool strict) {
    auto* z = new IterObject(IterKind::Zip);
    Value keep(z);
    for (size_t i = 0; i < iterables.size(); ++i) {
        Outcome it = iter(iterables[i]);
        if (!it.ok()) {
            if (it.exc->is_instance(exc_types().TypeError))
                return type_error("'" + type_name(iterables[i]) + "' object is not iterable");
            return it;
        }
        z->inner.push_back(it.value);
    }
    z->strict = strict;
    return Outcome::ok(keep);
}

Outcome make_map(const Value& fn, Args iterables) {
    if (iterables.empty()) return type_error("map() must have at least two arguments.");
    auto* m = new IterObject(IterKind::Map);
    Value keep(m);
    m->source = fn;
    for (auto& x : iterables) {
        Outcome it = iter(x);
        if (!it.ok()) return it;
        m->inner.push_back(it.value);
    }
    return Outcome::ok(keep);
}

Outcome make_filter(const Value& fn, const Value& iterable) {
    Outcome it = iter(iterable);
    if (!it.ok()) return it;
    auto* f = new IterObject(IterKind::Filter);
    f->source = fn;
    f->inner.push_back(it.value);
    return Outcome::ok(Value(f));
}

Outcome make_callable_iter(const Value& fn, const Value& sentinel) {
    auto* c = new IterObject(IterKind::Callable);
    c->source = fn;
    c->extra = sentinel;
    return Outcome::ok(Value(c));
}

}  // namespace tl
