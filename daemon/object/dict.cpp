// dict: the table (an index of slots into insertion-ordered entries, probed with
// CPython's perturbation so colliding hashes spread), the methods of dict and its views,
// and dict's repr. Order is insertion order, so the table layout never shows in output.
#include "daemon/object/dict.h"

#include "daemon/object/ops_support.h"
#include "daemon/object/range.h"

namespace tl {

namespace {

bool keys_equal(const Value& a, const Value& b, Outcome& err) {
    if (a.is(b)) return true;
    if (a.is_obj() && b.is_obj() && a.as_obj()->type() == str_type() && b.as_obj()->type() == str_type())
        return *str_of(a) == *str_of(b);
    Outcome e = equals(a, b);
    if (!e.ok()) { err = e; return false; }
    return e.value.as_bool();
}

}  // namespace

int64_t DictObject::find(const Value& key, int64_t hash, Outcome& err) const {
    if (index_.empty()) return -1;
    size_t mask = index_.size() - 1;
    uint64_t perturb = static_cast<uint64_t>(hash);
    size_t i = static_cast<size_t>(hash) & mask;
    for (;;) {
        int32_t slot = index_[i];
        if (slot == -1) return -1;
        if (slot >= 0 && static_cast<size_t>(slot) < entries.size()) {
            const Entry& e = entries[static_cast<size_t>(slot)];
            if (!e.key.is_null() && e.hash == hash) {
                Value k = e.key;  // __eq__ may mutate the dict
                if (keys_equal(k, key, err)) return slot;
                if (!err.ok()) return -1;
            }
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
}

void DictObject::insert_index(int64_t hash, int32_t pos) {
    size_t mask = index_.size() - 1;
    uint64_t perturb = static_cast<uint64_t>(hash);
    size_t i = static_cast<size_t>(hash) & mask;
    while (index_[i] >= 0) {
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
    if (index_[i] == -1) ++filled_;
    index_[i] = pos;
}

void DictObject::rebuild(size_t min_slots) {
    // Compact the entries and rebuild the index with room to grow (load <= 2/3).
    std::vector<Entry> live;
    live.reserve(used_);
    for (auto& e : entries)
        if (!e.key.is_null()) live.push_back(std::move(e));
    entries = std::move(live);
    size_t n = 8;
    while (n * 2 < min_slots * 3) n <<= 1;
    index_.assign(n, -1);
    filled_ = 0;
    for (size_t p = 0; p < entries.size(); ++p) insert_index(entries[p].hash, static_cast<int32_t>(p));
}

bool DictObject::set(const Value& key, int64_t hash, Value value, Outcome& err) {
    int64_t pos = find(key, hash, err);
    if (!err.ok()) return false;
    if (pos >= 0) {
        entries[static_cast<size_t>(pos)].value = std::move(value);
        return true;
    }
    if (index_.empty() || (filled_ + 1) * 3 >= index_.size() * 2) rebuild((used_ + 1) * 2);
    entries.push_back(Entry{key, std::move(value), hash});
    insert_index(hash, static_cast<int32_t>(entries.size() - 1));
    ++used_;
    ++version;
    return true;
}

bool DictObject::set(const Value& key, Value value, Outcome& err) {
    Outcome h = tl::hash(key);
    if (!h.ok()) { err = h; return false; }
    return set(key, h.value.as_int(), std::move(value), err);
}

void DictObject::remove_at(int64_t pos) {
    Entry& e = entries[static_cast<size_t>(pos)];
    size_t mask = index_.size() - 1;
    uint64_t perturb = static_cast<uint64_t>(e.hash);
    size_t i = static_cast<size_t>(e.hash) & mask;
    while (index_[i] != pos) {
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & mask;
    }
    index_[i] = -2;
    e.key = Value();
    e.value = Value();
    --used_;
    ++version;
    // Drop trailing holes so popitem() and appends stay cheap.
    while (!entries.empty() && entries.back().key.is_null() && used_ < entries.size()) {
        // Only safe when no index slot points at it: holes are dummies already.
        entries.pop_back();
    }
    if (used_ == 0) clear();
}

void DictObject::clear() {
    entries.clear();
    index_.clear();
    used_ = 0;
    filled_ = 0;
    ++version;
}

Type* dict_view_type(DictViewKind k) {
    static Type* types[3] = {
        [] { auto* t = new Type("dict_keys", {}, Layout::Other); t->make_immortal(); return t; }(),
        [] { auto* t = new Type("dict_values", {}, Layout::Other); t->make_immortal(); return t; }(),
        [] { auto* t = new Type("dict_items", {}, Layout::Other); t->make_immortal(); return t; }(),
    };
    return types[static_cast<int>(k)];
}

Value make_dict_iter(DictViewKind kind, Ref<DictObject> dict, bool reversed) {
    IterKind k = kind == DictViewKind::Keys ? IterKind::DictKeys : kind == DictViewKind::Values ? IterKind::DictValues : IterKind::DictItems;
    auto* it = new IterObject(k);
    it->end = static_cast<int64_t>(dict->size());
    it->step = reversed ? -1 : 1;
    it->pos = reversed ? static_cast<int64_t>(dict->entries.size()) - 1 : 0;
    it->source = Value(dict);
    return Value(it);
}

std::string dict_repr(DictObject& d, Outcome& err) {
    std::string out = "{";
    bool first = true;
    for (size_t i = 0; i < d.entries.size(); ++i) {
        if (d.entries[i].key.is_null()) continue;
        Value k = d.entries[i].key, v = d.entries[i].value;
        Outcome kr = repr(k);
        if (!kr.ok()) { err = kr; return ""; }
        Outcome vr = repr(v);
        if (!vr.ok()) { err = vr; return ""; }
        if (!first) out += ", ";
        first = false;
        out += *str_of(kr.value) + ": " + *str_of(vr.value);
    }
    return out + "}";
}

Outcome dict_update_from(DictObject& d, const Value& src, const char* fname) {
    (void)fname;
    Outcome err;
    if (DictObject* other = as_dict(src)) {
        std::vector<DictObject::Entry> copy;
        for (auto& e : other->entries)
            if (!e.key.is_null()) copy.push_back(DictObject::Entry{e.key, e.value, e.hash});
        for (auto& e : copy)
            if (!d.set(e.key, e.hash, e.value, err)) return err;
        return ok_none();
    }
    // A mapping with keys(): use it, as PyDict_Merge does for non-dicts.
    if (src.is_obj() && src.as_obj()->type()->layout() == Layout::Object && !find_override(src.as_obj()->type(), "keys").is_null()) {
        Outcome keys = call_method(src, "keys", {});
        if (!keys.ok()) return keys;
        std::vector<Value> ks;
        Outcome c = collect(keys.value, ks);
        if (!c.ok()) return c;
        for (auto& k : ks) {
            Outcome v = getitem(src, k);
            if (!v.ok()) return v;
            if (!d.set(k, v.value, err)) return err;
        }
        return ok_none();
    }
    Outcome it = iter(src);
    if (!it.ok()) return it;
    for (int64_t n = 0;; ++n) {
        Outcome item = next(it.value);
        if (!item.ok()) return item;
        if (item.value.is_null()) break;
        std::vector<Value> pair;
        Outcome pit = iter(item.value);
        if (!pit.ok()) {
            return type_error("cannot convert dictionary update sequence element #" + std::to_string(n) + " to a sequence");
        }
        Outcome c = collect(item.value, pair);
        if (!c.ok()) return c;
        if (pair.size() != 2) {
            return value_error("dictionary update sequence element #" + std::to_string(n) + " has length " +
                               std::to_string(pair.size()) + "; 2 is required");
        }
        if (!d.set(pair[0], pair[1], err)) return err;
    }
    return ok_none();
}

// ---- methods -------------------------------------------------------------------------

namespace {

DictObject* self_dict(const Value& v) { return v.obj_as<DictObject>(); }

bool hashed_find(DictObject& d, const Value& key, int64_t& pos, Outcome& err) {
    Outcome h = hash(key);
    if (!h.ok()) { err = h; return false; }
    pos = d.find(key, h.value.as_int(), err);
    return err.ok();
}

Outcome expect_args(const char* name, Args args, size_t min, size_t max) {
    if (args.size() < min) {
        return type_error(std::string(name) + " expected at least " + std::to_string(min) + " argument" +
                          (min == 1 ? "" : "s") + ", got " + std::to_string(args.size()));
    }
    if (args.size() > max) {
        return type_error(std::string(name) + " expected at most " + std::to_string(max) + " argument" +
                          (max == 1 ? "" : "s") + ", got " + std::to_string(args.size()));
    }
    return ok_none();
}

Outcome m_get(const Value& self, Args args, Kwargs) {
    Outcome a = expect_args("get", args, 1, 2);
    if (!a.ok()) return a;
    int64_t pos;
    Outcome err;
    if (!hashed_find(*self_dict(self), args[0], pos, err)) return err;
    if (pos < 0) return Outcome::ok(args.size() > 1 ? args[1] : Value::none());
    return Outcome::ok(self_dict(self)->entries[static_cast<size_t>(pos)].value);
}

Outcome m_setdefault(const Value& self, Args args, Kwargs) {
    Outcome a = expect_args("setdefault", args, 1, 2);
    if (!a.ok()) return a;
    DictObject& d = *self_dict(self);
    int64_t pos;
    Outcome err;
    if (!hashed_find(d, args[0], pos, err)) return err;
    if (pos >= 0) return Outcome::ok(d.entries[static_cast<size_t>(pos)].value);
    Value dflt = args.size() > 1 ? args[1] : Value::none();
    if (!d.set(args[0], dflt, err)) return err;
    return Outcome::ok(dflt);
}

Outcome m_pop(const Value& self, Args args, Kwargs) {
    Outcome a = expect_args("pop", args, 1, 2);
    if (!a.ok()) return a;
    DictObject& d = *self_dict(self);
    int64_t pos;
    Outcome err;
    if (!hashed_find(d, args[0], pos, err)) return err;
    if (pos < 0) {
        if (args.size() > 1) return Outcome::ok(args[1]);
        return key_error(args[0]);
    }
    Value v = d.entries[static_cast<size_t>(pos)].value;
    d.remove_at(pos);
    return Outcome::ok(v);
}

Outcome m_popitem(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("popitem", args, 0, 0, err)) return err;
    DictObject& d = *self_dict(self);
    if (d.size() == 0) return key_error(make_str("popitem(): dictionary is empty"));
    for (int64_t i = static_cast<int64_t>(d.entries.size()) - 1; i >= 0; --i) {
        auto& e = d.entries[static_cast<size_t>(i)];
        if (e.key.is_null()) continue;
        Value pair = make_tuple({e.key, e.value});
        d.remove_at(i);
        return Outcome::ok(pair);
    }
    return key_error(make_str("popitem(): dictionary is empty"));
}

Outcome m_update(const Value& self, Args args, Kwargs kwargs) {
    Outcome a = expect_args("update", args, 0, 1);
    if (!a.ok()) return a;
    DictObject& d = *self_dict(self);
    if (!args.empty()) {
        Outcome r = dict_update_from(d, args[0], "update");
        if (!r.ok()) return r;
    }
    Outcome err;
    for (auto& kw : kwargs)
        if (!d.set(make_str(std::string(kw.name)), kw.value, err)) return err;
    return ok_none();
}

Outcome view(const Value& self, DictViewKind k, const char* name, Args args) {
    Outcome err;
    if (!check_arity(name, args, 0, 0, err)) return err;
    return Outcome::ok(Value(new DictViewObject(k, Ref<DictObject>(self_dict(self)))));
}
Outcome m_keys(const Value& self, Args args, Kwargs) { return view(self, DictViewKind::Keys, "keys", args); }
Outcome m_values(const Value& self, Args args, Kwargs) { return view(self, DictViewKind::Values, "values", args); }
Outcome m_items(const Value& self, Args args, Kwargs) { return view(self, DictViewKind::Items, "items", args); }

Outcome m_copy(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("copy", args, 0, 0, err)) return err;
    Ref<DictObject> d(new DictObject());
    for (auto& e : self_dict(self)->entries)
        if (!e.key.is_null()) d->set(e.key, e.hash, e.value, err);
    return Outcome::ok(Value(d));
}

Outcome m_clear(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("clear", args, 0, 0, err)) return err;
    self_dict(self)->clear();
    return ok_none();
}

// dict.fromkeys is a classmethod: installed unbound, it never receives a dict receiver.
Outcome fn_fromkeys(const Value&, Args args, Kwargs) {
    Outcome a = expect_args("fromkeys", args, 1, 2);
    if (!a.ok()) return a;
    Value v = args.size() > 1 ? args[1] : Value::none();
    Ref<DictObject> d(new DictObject());
    std::vector<Value> keys;
    Outcome c = collect(args[0], keys);
    if (!c.ok()) return c;
    Outcome err;
    for (auto& k : keys)
        if (!d->set(k, v, err)) return err;
    return Outcome::ok(Value(d));
}

// Set operations on keys()/items() views produce sets, as dictviews_or etc.
Outcome view_isdisjoint(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("isdisjoint", args, 1, 1, err)) return err;
    std::vector<Value> other;
    Outcome c = collect(args[0], other);
    if (!c.ok()) return c;
    for (auto& x : other) {
        Outcome in = contains(self, x);
        if (!in.ok()) return in;
        if (in.value.as_bool()) return Outcome::ok(Value::boolean(false));
    }
    return Outcome::ok(Value::boolean(true));
}

}  // namespace

void install_dict_methods() {
    Type* t = dict_type();
    add_method<m_get>(t, "get");
    add_method<m_setdefault>(t, "setdefault");
    add_method<m_pop>(t, "pop");
    add_method<m_popitem>(t, "popitem");
    add_method<m_update>(t, "update");
    add_method<m_keys>(t, "keys");
    add_method<m_values>(t, "values");
    add_method<m_items>(t, "items");
    add_method<m_copy>(t, "copy");
    add_method<m_clear>(t, "clear");
    t->dict()["fromkeys"] = make_builtin_function("fromkeys", &fn_fromkeys);
    add_method<view_isdisjoint>(dict_view_type(DictViewKind::Keys), "isdisjoint");
    add_method<view_isdisjoint>(dict_view_type(DictViewKind::Items), "isdisjoint");
}

}  // namespace tl
