// set/frozenset: a port of Objects/setobject.c's table (set_lookkey, set_add_entry with
// its freeslot reuse, set_insert_clean, set_table_resize, set_merge's copy fast paths,
// set_pop's finger) and of its algebra (union/intersection/difference/symmetric difference
// in CPython's iteration orders, so results print in CPython's order), plus the methods.
#include "daemon/object/set.h"

#include "daemon/object/dict.h"
#include "daemon/object/ops_support.h"
#include "daemon/object/range.h"

namespace tl {

namespace {
constexpr size_t kLinearProbes = 9;
constexpr int kPerturbShift = 5;
constexpr size_t kMinSize = 8;

bool keys_equal(const Value& a, const Value& b, Outcome& err) {
    if (a.is(b)) return true;
    if (a.is_obj() && b.is_obj() && a.as_obj()->type() == str_type() && b.as_obj()->type() == str_type())
        return *str_of(a) == *str_of(b);
    Outcome e = equals(a, b);
    if (!e.ok()) { err = e; return false; }
    return e.value.as_bool();
}
}  // namespace

SetObject::SetObject(Type* type) : Object(type), table(kMinSize) {}

bool SetObject::is_frozen() const { return type()->is_subtype(frozenset_type()); }

bool SetObject::contains(const Value& key, int64_t hash, bool& found, Outcome& err) const {
    // set_lookkey
    size_t m = mask;
    uint64_t perturb = static_cast<uint64_t>(hash);
    size_t i = static_cast<size_t>(hash) & m;
    for (;;) {
        size_t probes = (i + kLinearProbes <= m) ? kLinearProbes : 0;
        size_t j = i;
        for (;;) {
            if (j >= table.size()) { found = false; return true; }
            const Entry& e = table[j];
            if (e.hash == 0 && e.key.is_null()) { found = false; return true; }
            if (e.hash == hash && !e.key.is_null()) {
                Value k = e.key;
                if (keys_equal(k, key, err)) { found = true; return true; }
                if (!err.ok()) return false;
            }
            ++j;
            if (probes-- == 0) break;
        }
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & m;
    }
}

bool SetObject::contains(const Value& key, bool& found, Outcome& err) const {
    Outcome h = tl::hash(key);
    if (!h.ok()) { err = h; return false; }
    return contains(key, h.value.as_int(), found, err);
}

bool SetObject::add(const Value& key, int64_t hash, Outcome& err) {
    // set_add_entry
    size_t m = mask;
    uint64_t perturb = static_cast<uint64_t>(hash);
    size_t i = static_cast<size_t>(hash) & m;
    int64_t freeslot = -1;
    size_t j = 0;
    for (;;) {
        size_t probes = (i + kLinearProbes <= m) ? kLinearProbes : 0;
        j = i;
        bool stop = false;
        for (;;) {
            Entry& e = table[j];
            if (e.hash == 0 && e.key.is_null()) { stop = true; break; }
            if (e.hash == hash && !e.key.is_null()) {
                Value k = e.key;
                if (keys_equal(k, key, err)) return true;  // found_active
                if (!err.ok()) return false;
            } else if (e.hash == -1 && e.key.is_null()) {
                freeslot = static_cast<int64_t>(j);
            }
            ++j;
            if (probes-- == 0) break;
        }
        if (stop) break;
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & m;
    }
    ++version;
    if (freeslot >= 0) {
        ++used;
        table[static_cast<size_t>(freeslot)] = Entry{key, hash};
        return true;
    }
    ++fill;
    ++used;
    table[j] = Entry{key, hash};
    if (fill * 5 < m * 3) return true;
    resize(used > 50000 ? used * 2 : used * 4);
    return true;
}

bool SetObject::add(const Value& key, Outcome& err) {
    Outcome h = tl::hash(key);
    if (!h.ok()) { err = h; return false; }
    return add(key, h.value.as_int(), err);
}

void SetObject::insert_clean(std::vector<Entry>& t, size_t m, const Value& key, int64_t hash) {
    uint64_t perturb = static_cast<uint64_t>(hash);
    size_t i = static_cast<size_t>(hash) & m;
    for (;;) {
        if (t[i].key.is_null()) { t[i] = Entry{key, hash}; return; }
        if (i + kLinearProbes <= m) {
            for (size_t k = 1; k <= kLinearProbes; ++k) {
                if (t[i + k].key.is_null()) { t[i + k] = Entry{key, hash}; return; }
            }
        }
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & m;
    }
}

void SetObject::resize(size_t minused) {
    size_t newsize = kMinSize;
    while (newsize <= minused) newsize <<= 1;
    std::vector<Entry> old;
    old.swap(table);
    table.assign(newsize, Entry{});
    mask = newsize - 1;
    fill = used;
    for (const Entry& e : old)
        if (!e.key.is_null()) insert_clean(table, mask, e.key, e.hash);
    ++version;
}

bool SetObject::discard(const Value& key, bool& found, Outcome& err) {
    Outcome h = tl::hash(key);
    if (!h.ok()) { err = h; return false; }
    int64_t hv = h.value.as_int();
    size_t m = mask;
    uint64_t perturb = static_cast<uint64_t>(hv);
    size_t i = static_cast<size_t>(hv) & m;
    for (;;) {
        size_t probes = (i + kLinearProbes <= m) ? kLinearProbes : 0;
        size_t j = i;
        for (;;) {
            if (j >= table.size()) { found = false; return true; }
            Entry& e = table[j];
            if (e.hash == 0 && e.key.is_null()) { found = false; return true; }
            if (e.hash == hv && !e.key.is_null()) {
                Value k = e.key;
                if (keys_equal(k, key, err)) {
                    table[j] = Entry{Value(), -1};
                    --used;
                    ++version;
                    found = true;
                    return true;
                }
                if (!err.ok()) return false;
            }
            ++j;
            if (probes-- == 0) break;
        }
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & m;
    }
}

bool SetObject::merge(const SetObject& other, Outcome& err) {
    if (&other == this || other.used == 0) return true;
    if ((fill + other.used) * 5 >= mask * 3) resize((used + other.used) * 2);
    if (fill == 0 && mask == other.mask && other.fill == other.used) {
        for (size_t i = 0; i <= other.mask; ++i)
            if (!other.table[i].key.is_null()) table[i] = other.table[i];
        fill = other.fill;
        used = other.used;
        ++version;
        return true;
    }
    if (fill == 0) {
        fill = other.used;
        used = other.used;
        for (const Entry& e : other.table)
            if (!e.key.is_null()) insert_clean(table, mask, e.key, e.hash);
        ++version;
        return true;
    }
    std::vector<Entry> snapshot = other.table;
    for (const Entry& e : snapshot)
        if (!e.key.is_null() && !add(e.key, e.hash, err)) return false;
    return true;
}

bool SetObject::update(const Value& iterable, Outcome& err) {
    if (SetObject* s = as_set(iterable)) return merge(*s, err);
    if (iterable.is_obj() && iterable.as_obj()->type() == dict_type()) {
        auto* d = iterable.obj_as<DictObject>();
        size_t dictsize = d->size();
        if ((fill + dictsize) * 5 >= mask * 3) resize((used + dictsize) * 2);
        std::vector<DictObject::Entry> entries = d->entries;
        for (auto& e : entries)
            if (!e.key.is_null() && !add(e.key, e.hash, err)) return false;
        return true;
    }
    Outcome it = iter(iterable);
    if (!it.ok()) { err = it; return false; }
    for (;;) {
        Outcome n = next(it.value);
        if (!n.ok()) { err = n; return false; }
        if (n.value.is_null()) return true;
        if (!add(n.value, err)) return false;
    }
}

Value SetObject::pop() {
    // set_pop: scan from the finger for a live entry.
    size_t i = finger & mask;
    while (table[i].key.is_null()) {
        ++i;
        if (i > mask) i = 0;
    }
    Value key = table[i].key;
    table[i] = Entry{Value(), -1};
    --used;
    finger = i + 1;
    ++version;
    return key;
}

void SetObject::clear() {
    table.assign(kMinSize, Entry{});
    mask = kMinSize - 1;
    fill = 0;
    used = 0;
    ++version;
}

Outcome make_set_display(std::span<const Value> items, bool all_constant) {
    if (!all_constant || items.size() <= 2) return make_set_checked(items);
    Outcome f1 = make_frozenset_checked(items);
    if (!f1.ok()) return f1;
    // The compiler's constant merging (merge_consts_recursive) rebuilds the frozenset from
    // the first one's iteration order; the display then copies that second table.
    std::vector<Value> order;
    f1.value.obj_as<SetObject>()->for_each([&](const Value& k, int64_t) { order.push_back(k); });
    Outcome f = make_frozenset_checked(order);
    if (!f.ok()) return f;
    Ref<SetObject> s(new SetObject());
    Outcome err;
    if (!s->merge(*f.value.obj_as<SetObject>(), err)) return err;
    return Outcome::ok(Value(s));
}

Ref<SetObject> new_set_like(const Type* like) {
    return Ref<SetObject>(new SetObject(like->is_subtype(frozenset_type()) ? frozenset_type() : set_type()));
}

Value make_set_iter(Ref<SetObject> s) {
    auto* it = new IterObject(IterKind::Set);
    it->end = static_cast<int64_t>(s->size());
    it->source = Value(s);
    return Value(it);
}

std::string set_repr(const SetObject& s, Outcome& err) {
    const std::string& name = s.type()->name();
    bool plain = s.type() == set_type();
    if (s.size() == 0) return name + "()";
    std::string body = "{";
    bool first = true;
    std::vector<Value> keys;
    s.for_each([&](const Value& k, int64_t) { keys.push_back(k); });
    for (auto& k : keys) {
        Outcome r = repr(k);
        if (!r.ok()) { err = r; return ""; }
        if (!first) body += ", ";
        first = false;
        body += *str_of(r.value);
    }
    body += "}";
    return plain ? body : name + "(" + body + ")";
}

int64_t frozenset_hash(const SetObject& s) {
    // frozenset_hash (Objects/setobject.c)
    auto shuffle = [](uint64_t h) { return ((h ^ 89869747UL) ^ (h << 16)) * 3644798167UL; };
    uint64_t hash = 0;
    for (const auto& e : s.table) hash ^= shuffle(static_cast<uint64_t>(e.hash));
    if ((s.mask + 1 - s.fill) & 1) hash ^= shuffle(0);
    if ((s.fill - s.used) & 1) hash ^= shuffle(static_cast<uint64_t>(-1));
    hash ^= (static_cast<uint64_t>(s.used) + 1) * 1927868237UL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923UL;
    if (hash == static_cast<uint64_t>(-1)) hash = 590923713UL;
    return static_cast<int64_t>(hash);
}

// ---- the algebra -------------------------------------------------------------------------

namespace {

Ref<SetObject> copy_of(const SetObject& s, const Type* like) {
    Ref<SetObject> r = new_set_like(like);
    Outcome err;
    r->merge(s, err);
    return r;
}

std::vector<SetObject::Entry> live_entries(const SetObject& s) {
    std::vector<SetObject::Entry> out;
    for (auto& e : s.table)
        if (!e.key.is_null()) out.push_back(e);
    return out;
}

// set_intersection
Outcome intersection(const SetObject& so_in, const Value& other) {
    Ref<SetObject> result = new_set_like(so_in.type());
    Outcome err;
    if (&so_in == other.as_obj()) return Outcome::ok(Value(copy_of(so_in, so_in.type())));
    if (SetObject* o = as_set(other)) {
        const SetObject* so = &so_in;
        const SetObject* ot = o;
        if (ot->size() > so->size()) std::swap(so, ot);
        for (auto& e : live_entries(*ot)) {
            bool found;
            if (!so->contains(e.key, e.hash, found, err)) return err;
            if (found && !result->add(e.key, e.hash, err)) return err;
        }
        return Outcome::ok(Value(result));
    }
    Outcome it = iter(other);
    if (!it.ok()) return it;
    for (;;) {
        Outcome n = next(it.value);
        if (!n.ok()) return n;
        if (n.value.is_null()) break;
        Outcome h = hash(n.value);
        if (!h.ok()) return h;
        bool found;
        if (!so_in.contains(n.value, h.value.as_int(), found, err)) return err;
        if (found && !result->add(n.value, h.value.as_int(), err)) return err;
    }
    return Outcome::ok(Value(result));
}

// set_difference_update_internal
Outcome difference_update(SetObject& so, const Value& other) {
    Outcome err;
    if (other.is_obj() && other.as_obj() == &so) { so.clear(); return ok_none(); }
    if (SetObject* o = as_set(other)) {
        Value src = other;
        if ((o->size() >> 3) > so.size()) {
            Outcome i = intersection(so, other);
            if (!i.ok()) return i;
            src = i.value;
        }
        for (auto& e : live_entries(*as_set(src))) {
            bool found;
            if (!so.discard(e.key, found, err)) return err;
        }
    } else {
        Outcome it = iter(other);
        if (!it.ok()) return it;
        for (;;) {
            Outcome n = next(it.value);
            if (!n.ok()) return n;
            if (n.value.is_null()) break;
            bool found;
            if (!so.discard(n.value, found, err)) return err;
        }
    }
    if (so.fill - so.used <= so.mask / 4) return ok_none();
    // More than a quarter dummies: resize them away (set_table_resize).
    std::vector<SetObject::Entry> keep = live_entries(so);
    size_t minused = so.used > 50000 ? so.used * 2 : so.used * 4;
    size_t newsize = 8;
    while (newsize <= minused) newsize <<= 1;
    so.table.assign(newsize, SetObject::Entry{});
    so.mask = newsize - 1;
    so.fill = 0;
    so.used = 0;
    // Reinsert in old table order (set_insert_clean == add into a table without dummies).
    for (auto& e : keep) so.add(e.key, e.hash, err);
    return ok_none();
}

// set_difference
Outcome difference(const SetObject& so, const Value& other) {
    Outcome err;
    int64_t other_size;
    if (SetObject* o = as_set(other)) other_size = static_cast<int64_t>(o->size());
    else if (other.is_obj() && other.as_obj()->type() == dict_type()) other_size = static_cast<int64_t>(other.obj_as<DictObject>()->size());
    else other_size = -1;
    if (other_size < 0 || static_cast<int64_t>(so.size() >> 2) > other_size) {
        Ref<SetObject> result = copy_of(so, so.type());
        Outcome r = difference_update(*result, other);
        if (!r.ok()) return r;
        return Outcome::ok(Value(result));
    }
    Ref<SetObject> result = new_set_like(so.type());
    for (auto& e : live_entries(so)) {
        bool found;
        if (SetObject* o = as_set(other)) {
            if (!o->contains(e.key, e.hash, found, err)) return err;
        } else {
            int64_t pos = other.obj_as<DictObject>()->find(e.key, e.hash, err);
            if (!err.ok()) return err;
            found = pos >= 0;
        }
        if (!found && !result->add(e.key, e.hash, err)) return err;
    }
    return Outcome::ok(Value(result));
}

// set_symmetric_difference_update
Outcome symmetric_difference_update(SetObject& so, const Value& other) {
    Outcome err;
    if (other.is_obj() && other.as_obj() == &so) { so.clear(); return ok_none(); }
    Value src = other;
    if (!as_set(other)) {
        Ref<SetObject> tmp = new_set_like(so.type());
        if (!tmp->update(other, err)) return err;
        src = Value(tmp);
    }
    for (auto& e : live_entries(*as_set(src))) {
        bool found;
        if (!so.discard(e.key, found, err)) return err;
        if (!found && !so.add(e.key, e.hash, err)) return err;
    }
    return ok_none();
}

Outcome symmetric_difference(const SetObject& so, const Value& other) {
    Ref<SetObject> result = new_set_like(so.type());
    Outcome err;
    if (!result->update(other, err)) return err;
    Value self(const_cast<SetObject*>(&so));
    Outcome r = symmetric_difference_update(*result, self);
    if (!r.ok()) return r;
    return Outcome::ok(Value(result));
}

Outcome union_with(const SetObject& so, Args others) {
    Ref<SetObject> result = copy_of(so, so.type());
    Outcome err;
    for (auto& o : others) {
        if (o.is_obj() && o.as_obj() == &so) continue;
        if (!result->update(o, err)) return err;
    }
    return Outcome::ok(Value(result));
}

bool is_subset(const SetObject& a, const SetObject& b, Outcome& err, bool& result) {
    if (a.size() > b.size()) { result = false; return true; }
    for (auto& e : live_entries(a)) {
        bool found;
        if (!b.contains(e.key, e.hash, found, err)) return false;
        if (!found) { result = false; return true; }
    }
    result = true;
    return true;
}

Outcome as_temp_set(const Value& v, const Type* like) {
    if (as_set(v)) return Outcome::ok(v);
    Ref<SetObject> s = new_set_like(like);
    Outcome err;
    if (!s->update(v, err)) return err;
    return Outcome::ok(Value(s));
}

}  // namespace

Outcome set_compare(CompareOp op, const SetObject& a, const SetObject& b) {
    Outcome err;
    bool r = false;
    switch (op) {
        case CompareOp::Eq:
        case CompareOp::Ne:
            if (a.size() != b.size()) r = false;
            else if (!is_subset(a, b, err, r)) return err;
            return Outcome::ok(Value::boolean(op == CompareOp::Eq ? r : !r));
        case CompareOp::Le:
            if (!is_subset(a, b, err, r)) return err;
            break;
        case CompareOp::Ge:
            if (!is_subset(b, a, err, r)) return err;
            break;
        case CompareOp::Lt:
            if (a.size() >= b.size()) r = false;
            else if (!is_subset(a, b, err, r)) return err;
            break;
        case CompareOp::Gt:
            if (a.size() <= b.size()) r = false;
            else if (!is_subset(b, a, err, r)) return err;
            break;
    }
    return Outcome::ok(Value::boolean(r));
}

Outcome set_binary(BinaryOp op, const Value& a, const Value& b) {
    SetObject* sa = as_set(a);
    SetObject* sb = as_set(b);
    if (!sa || !sb) return Outcome::ok(not_implemented());
    switch (op) {
        case BinaryOp::Or: return union_with(*sa, std::span<const Value>(&b, 1));
        case BinaryOp::And: return intersection(*sa, b);
        case BinaryOp::Sub: return difference(*sa, b);
        case BinaryOp::Xor: return symmetric_difference(*sa, b);
        default: return Outcome::ok(not_implemented());
    }
}

Outcome set_inplace(BinaryOp op, const Value& a, const Value& b) {
    SetObject* sa = as_set(a);
    SetObject* sb = as_set(b);
    if (!sa || !sb || sa->is_frozen()) return Outcome::ok(not_implemented());
    Outcome err;
    switch (op) {
        case BinaryOp::Or:
            if (!sa->update(b, err)) return err;
            return Outcome::ok(a);
        case BinaryOp::And: {
            Outcome i = intersection(*sa, b);
            if (!i.ok()) return i;
            SetObject* r = i.value.obj_as<SetObject>();
            std::swap(sa->table, r->table);
            std::swap(sa->mask, r->mask);
            std::swap(sa->fill, r->fill);
            std::swap(sa->used, r->used);
            ++sa->version;
            return Outcome::ok(a);
        }
        case BinaryOp::Sub: {
            Outcome r = difference_update(*sa, b);
            if (!r.ok()) return r;
            return Outcome::ok(a);
        }
        case BinaryOp::Xor: {
            Outcome r = symmetric_difference_update(*sa, b);
            if (!r.ok()) return r;
            return Outcome::ok(a);
        }
        default: return Outcome::ok(not_implemented());
    }
}

// ---- methods -------------------------------------------------------------------------

namespace {

SetObject* S(const Value& v) { return v.obj_as<SetObject>(); }

Outcome m_add(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("set.add", args, 1, 1, err)) return err;
    if (!S(self)->add(args[0], err)) return err;
    return ok_none();
}

Outcome m_discard(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("set.discard", args, 1, 1, err)) return err;
    bool found;
    if (!S(self)->discard(args[0], found, err)) return err;
    return ok_none();
}

Outcome m_remove(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("set.remove", args, 1, 1, err)) return err;
    bool found;
    if (!S(self)->discard(args[0], found, err)) return err;
    if (!found) return key_error(args[0]);
    return ok_none();
}

Outcome m_pop(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("set.pop", args, 0, 0, err)) return err;
    if (S(self)->size() == 0) return key_error(make_str("pop from an empty set"));
    return Outcome::ok(S(self)->pop());
}

Outcome m_clear(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("set.clear", args, 0, 0, err)) return err;
    S(self)->clear();
    return ok_none();
}

Outcome m_copy(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("copy", args, 0, 0, err)) return err;
    if (S(self)->type() == frozenset_type()) return Outcome::ok(self);
    return Outcome::ok(Value(copy_of(*S(self), S(self)->type())));
}

Outcome m_update(const Value& self, Args args, Kwargs) {
    Outcome err;
    for (auto& a : args)
        if (!S(self)->update(a, err)) return err;
    return ok_none();
}

Outcome m_union(const Value& self, Args args, Kwargs) { return union_with(*S(self), args); }

Outcome m_intersection(const Value& self, Args args, Kwargs) {
    if (args.empty()) return Outcome::ok(Value(copy_of(*S(self), S(self)->type())));
    Value cur = self;
    for (auto& a : args) {
        Outcome r = intersection(*S(cur), a);
        if (!r.ok()) return r;
        cur = r.value;
    }
    return Outcome::ok(cur);
}

Outcome m_difference(const Value& self, Args args, Kwargs) {
    if (args.empty()) return Outcome::ok(Value(copy_of(*S(self), S(self)->type())));
    Outcome r = difference(*S(self), args[0]);
    if (!r.ok()) return r;
    for (size_t i = 1; i < args.size(); ++i) {
        Outcome u = difference_update(*S(r.value), args[i]);
        if (!u.ok()) return u;
    }
    return r;
}

Outcome m_symmetric_difference(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("symmetric_difference", args, 1, 1, err)) return err;
    return symmetric_difference(*S(self), args[0]);
}

Outcome m_intersection_update(const Value& self, Args args, Kwargs kw) {
    Outcome r = m_intersection(self, args, kw);
    if (!r.ok()) return r;
    SetObject* a = S(self);
    SetObject* b = S(r.value);
    std::swap(a->table, b->table);
    std::swap(a->mask, b->mask);
    std::swap(a->fill, b->fill);
    std::swap(a->used, b->used);
    ++a->version;
    return ok_none();
}

Outcome m_difference_update(const Value& self, Args args, Kwargs) {
    for (auto& a : args) {
        Outcome r = difference_update(*S(self), a);
        if (!r.ok()) return r;
    }
    return ok_none();
}

Outcome m_symmetric_difference_update(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("symmetric_difference_update", args, 1, 1, err)) return err;
    return symmetric_difference_update(*S(self), args[0]);
}

Outcome m_issubset(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("issubset", args, 1, 1, err)) return err;
    Outcome other = as_temp_set(args[0], S(self)->type());
    if (!other.ok()) return other;
    bool r;
    if (!is_subset(*S(self), *S(other.value), err, r)) return err;
    return Outcome::ok(Value::boolean(r));
}

Outcome m_issuperset(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("issuperset", args, 1, 1, err)) return err;
    Outcome other = as_temp_set(args[0], S(self)->type());
    if (!other.ok()) return other;
    bool r;
    if (!is_subset(*S(other.value), *S(self), err, r)) return err;
    return Outcome::ok(Value::boolean(r));
}

Outcome m_isdisjoint(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("isdisjoint", args, 1, 1, err)) return err;
    Outcome other = as_temp_set(args[0], S(self)->type());
    if (!other.ok()) return other;
    for (auto& e : live_entries(*S(other.value))) {
        bool found;
        if (!S(self)->contains(e.key, e.hash, found, err)) return err;
        if (found) return Outcome::ok(Value::boolean(false));
    }
    return Outcome::ok(Value::boolean(true));
}

}  // namespace

void install_set_methods() {
    for (Type* t : {set_type(), frozenset_type()}) {
        add_method<m_copy>(t, "copy");
        add_method<m_union>(t, "union");
        add_method<m_intersection>(t, "intersection");
        add_method<m_difference>(t, "difference");
        add_method<m_symmetric_difference>(t, "symmetric_difference");
        add_method<m_issubset>(t, "issubset");
        add_method<m_issuperset>(t, "issuperset");
        add_method<m_isdisjoint>(t, "isdisjoint");
    }
    Type* t = set_type();
    add_method<m_add>(t, "add");
    add_method<m_discard>(t, "discard");
    add_method<m_remove>(t, "remove");
    add_method<m_pop>(t, "pop");
    add_method<m_clear>(t, "clear");
    add_method<m_update>(t, "update");
    add_method<m_intersection_update>(t, "intersection_update");
    add_method<m_difference_update>(t, "difference_update");
    add_method<m_symmetric_difference_update>(t, "symmetric_difference_update");
}

}  // namespace tl
