// hash(): CPython's numeric hash (Python/pyhash.c, Objects/longobject.c: reduction modulo
// the Mersenne prime 2**61 - 1, so hash(1.0) == hash(1) and hash(-1) == -2), the tuple
// hash (xxHash-based tuplehash), pointer hashes for identity-hashed objects, and a fixed
// FNV-1a string hash — CPython's str hash is SipHash with a random per-process key, so no
// scenario can depend on it; ours is deterministic.
#include <cmath>

#include "daemon/object/dict.h"
#include "daemon/object/ops_support.h"
#include "daemon/object/range.h"
#include "daemon/object/set.h"

namespace tl {

namespace {
constexpr int kHashBits = 61;
constexpr uint64_t kHashModulus = (1ULL << kHashBits) - 1;
constexpr int64_t kHashInf = 314159;
constexpr int64_t kHashNone = 0xFCA86420;  // _PyNone_HASH in 3.12+

// tuplehash (Objects/tupleobject.c)
constexpr uint64_t kXXPrime1 = 11400714785074694791ULL;
constexpr uint64_t kXXPrime2 = 14029467366897019727ULL;
constexpr uint64_t kXXPrime5 = 2870177450012600261ULL;
inline uint64_t xx_rotate(uint64_t x) { return (x << 31) | (x >> 33); }
}  // namespace

int64_t hash_int(int64_t v) {
    // long_hash: |v| mod (2**61 - 1) with v's sign; -1 is reserved for errors.
    uint64_t mag = v < 0 ? (0ULL - static_cast<uint64_t>(v)) : static_cast<uint64_t>(v);
    int64_t h = static_cast<int64_t>(mag % kHashModulus);
    if (v < 0) h = -h;
    return h == -1 ? -2 : h;
}

int64_t hash_double(double v) {
    // _Py_HashDouble (Python/pyhash.c)
    if (!std::isfinite(v)) {
        if (std::isinf(v)) return v > 0 ? kHashInf : -kHashInf;
        return 0;  // NaN: CPython hashes the object's address; tasklens floats have none.
    }
    int e;
    double m = std::frexp(v, &e);
    int sign = 1;
    if (m < 0) {
        sign = -1;
        m = -m;
    }
    uint64_t x = 0;
    while (m != 0.0) {
        x = ((x << 28) & kHashModulus) | x >> (kHashBits - 28);
        m *= 268435456.0;
        e -= 28;
        uint64_t y = static_cast<uint64_t>(m);
        m -= static_cast<double>(y);
        x += y;
        if (x >= kHashModulus) x -= kHashModulus;
    }
    e = e >= 0 ? e % kHashBits : kHashBits - 1 - ((-1 - e) % kHashBits);
    x = ((x << e) & kHashModulus) | x >> (kHashBits - e);
    x = x * static_cast<uint64_t>(static_cast<int64_t>(sign));
    if (x == static_cast<uint64_t>(-1)) x = static_cast<uint64_t>(-2);
    return static_cast<int64_t>(x);
}

int64_t hash_str(const StrObject& s) {
    if (s.hash_cache != -1) return s.hash_cache;
    int64_t h = 0;
    if (!s.value.empty()) {
        uint64_t x = 14695981039346656037ULL;  // FNV-1a 64
        for (unsigned char c : s.value) {
            x ^= c;
            x *= 1099511628211ULL;
        }
        h = static_cast<int64_t>(x);
        if (h == -1) h = -2;
    }
    s.hash_cache = h;
    return h;
}

int64_t hash_pointer(const Object* o) {
    // _Py_HashPointer of the fake address: rotate right by 4 (the low bits are zero).
    uint64_t addr = 0x7f0000000000ULL + 16ULL * static_cast<uint64_t>(object_id(Value(const_cast<Object*>(o))));
    uint64_t y = (addr >> 4) | (addr << 60);
    int64_t h = static_cast<int64_t>(y);
    return h == -1 ? -2 : h;
}

Outcome hash(const Value& v) {
    switch (v.tag()) {
        case Value::Tag::Null:
        case Value::Tag::None: return Outcome::ok(Value::integer(kHashNone));
        case Value::Tag::Bool: return Outcome::ok(Value::integer(v.as_bool() ? 1 : 0));
        case Value::Tag::Int: return Outcome::ok(Value::integer(hash_int(v.as_int())));
        case Value::Tag::Float: return Outcome::ok(Value::integer(hash_double(v.as_float())));
        case Value::Tag::Obj: break;
    }
    Object* o = v.as_obj();
    Type* t = o->type();
    if (t == str_type()) return Outcome::ok(Value::integer(hash_str(*static_cast<StrObject*>(o))));
    // A scenario class: __hash__ = None makes it unhashable; a __hash__ method decides.
    if (t != tuple_type() && t != frozenset_type()) {
        Value h = find_override(t, "__hash__");
        if (!h.is_null()) {
            if (h.is_none()) return type_error("unhashable type: '" + t->name() + "'");
            Outcome r = call_override(h, v, {});
            if (!r.ok()) return r;
            if (r.value.is_bool()) return Outcome::ok(Value::integer(r.value.as_bool()));
            if (!r.value.is_int()) return type_error("__hash__ method should return an integer");
            return Outcome::ok(Value::integer(r.value.as_int() == -1 ? -2 : r.value.as_int()));
        }
        // A class that defines __eq__ but not __hash__ gets __hash__ = None (type_new).
        if (t->layout() == Layout::Object && !find_override(t, "__eq__").is_null())
            return type_error("unhashable type: '" + t->name() + "'");
    }
    switch (t->layout()) {
        case Layout::Str: return Outcome::ok(Value::integer(hash_str(*static_cast<StrObject*>(o))));
        case Layout::Tuple: {
            auto& items = static_cast<TupleObject*>(o)->items;
            uint64_t acc = kXXPrime5;
            for (auto& item : items) {
                Outcome h = hash(item);
                if (!h.ok()) return h;
                uint64_t lane = static_cast<uint64_t>(h.value.as_int());
                acc += lane * kXXPrime2;
                acc = xx_rotate(acc);
                acc *= kXXPrime1;
            }
            acc += items.size() ^ (kXXPrime5 ^ 3527539UL);
            if (acc == static_cast<uint64_t>(-1)) return Outcome::ok(Value::integer(1546275796));
            return Outcome::ok(Value::integer(static_cast<int64_t>(acc)));
        }
        case Layout::List:
        case Layout::Dict: return type_error("unhashable type: '" + t->name() + "'");
        case Layout::Set: {
            auto* s = static_cast<SetObject*>(o);
            if (!s->is_frozen()) return type_error("unhashable type: '" + t->name() + "'");
            return Outcome::ok(Value::integer(frozenset_hash(*s)));
        }
        default: break;
    }
    if (t == range_type()) {
        // range_hash: hash((len, start, step)) with start/step None when irrelevant.
        auto* r = static_cast<RangeObject*>(o);
        std::vector<Value> key{Value::integer(r->length), Value::none(), Value::none()};
        if (r->length != 0) {
            key[1] = Value::integer(r->start);
            if (r->length != 1) key[2] = Value::integer(r->step);
        }
        return hash(make_tuple(std::move(key)));
    }
    if (t == slice_type()) {
        auto* s = static_cast<SliceObject*>(o);
        return hash(make_tuple({s->start, s->stop, s->step}));
    }
    if (t == bound_method_type()) {
        auto* bm = static_cast<BoundMethod*>(o);
        Outcome a = hash(bm->self);
        if (!a.ok()) return a;
        Outcome b = hash(bm->function);
        if (!b.ok()) return b;
        int64_t h = a.value.as_int() ^ b.value.as_int();
        return Outcome::ok(Value::integer(h == -1 ? -2 : h));
    }
    if (t->name() == "dict_keys" || t->name() == "dict_items" || t->name() == "dict_values")
        return type_error("unhashable type: '" + t->name() + "'");
    return Outcome::ok(Value::integer(hash_pointer(o)));
}

}  // namespace tl
