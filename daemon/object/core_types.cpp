// The builtin types this layer adds (NoneType, bool, int, float, dict, set, …), type(v),
// the NotImplemented/Ellipsis singletons, id() and the fake addresses of default reprs,
// and the constructors declared in ops.h.
#include <cstdio>
#include <unordered_map>
#include <unordered_set>

#include "daemon/object/dict.h"
#include "daemon/object/ops_support.h"
#include "daemon/object/range.h"
#include "daemon/object/set.h"

namespace tl {

namespace {

Type* immortal(Type* t) {
    t->make_immortal();
    return t;
}

uint64_t g_next_serial = 1;

// Objects that are not instances get their id on first request. A dead object's entry
// may be reused by a new object at the same address, as CPython reuses ids.
std::unordered_map<const Object*, uint64_t>& id_table() {
    static auto* t = new std::unordered_map<const Object*, uint64_t>();
    return *t;
}

std::unordered_set<const Type*>& method_binding_types() {
    static auto* s = new std::unordered_set<const Type*>();
    return *s;
}

class Singleton : public Object {
public:
    explicit Singleton(Type* t) : Object(t) { make_immortal(); }
};

}  // namespace

Type* none_type() { static Type* t = immortal(new Type("NoneType", {}, Layout::Other)); return t; }
Type* int_type() { static Type* t = immortal(new Type("int", {}, Layout::Other)); return t; }
Type* bool_type() { static Type* t = immortal(new Type("bool", {int_type()}, Layout::Other)); return t; }
Type* float_type() { static Type* t = immortal(new Type("float", {}, Layout::Other)); return t; }
Type* dict_type() { static Type* t = immortal(new Type("dict", {}, Layout::Dict)); return t; }
Type* set_type() { static Type* t = immortal(new Type("set", {}, Layout::Set)); return t; }
Type* frozenset_type() { static Type* t = immortal(new Type("frozenset", {}, Layout::Set)); return t; }
Type* range_type() { static Type* t = immortal(new Type("range", {}, Layout::Other)); return t; }
Type* slice_type() { static Type* t = immortal(new Type("slice", {}, Layout::Other)); return t; }
Type* instance_base_type() { static Type* t = immortal(new Type("object", {}, Layout::Object)); return t; }
Type* bound_method_type() { static Type* t = immortal(new Type("method", {}, Layout::Other)); return t; }
Type* not_implemented_type() { static Type* t = immortal(new Type("NotImplementedType", {}, Layout::Other)); return t; }
Type* ellipsis_type() { static Type* t = immortal(new Type("ellipsis", {}, Layout::Other)); return t; }
Type* method_owner_type() { static Type* t = immortal(new Type("method_descriptor", {}, Layout::Other)); return t; }

Value not_implemented() {
    static Singleton* s = new Singleton(not_implemented_type());
    return Value(s);
}
Value ellipsis() {
    static Singleton* s = new Singleton(ellipsis_type());
    return Value(s);
}

[[gnu::noinline]] Value object_value(Object* o) { return Value(o); }

// NativeFunction's defaulted `self` argument trips GCC 12's -Wnonnull (a false positive
// on the moved-from Value's destructor), hence the pragma.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnonnull"
[[gnu::noinline]] Value make_builtin_function(const char* name, NativeFunction::Fn fn) {
    auto* nf = new NativeFunction(name, fn, Value());
    nf->make_immortal();
    return Value(nf);
}

[[gnu::noinline]] Value make_native_function(std::string name, NativeFunction::Fn fn, Value self) {
    return Value(new NativeFunction(std::move(name), fn, std::move(self)));
}
#pragma GCC diagnostic pop

Type* type_of(const Value& v) {
    switch (v.tag()) {
        case Value::Tag::Null:
        case Value::Tag::None: return none_type();
        case Value::Tag::Bool: return bool_type();
        case Value::Tag::Int: return int_type();
        case Value::Tag::Float: return float_type();
        case Value::Tag::Obj: return v.as_obj()->type();
    }
    return none_type();
}

const std::string& type_name(const Value& v) { return type_of(v)->name(); }

InstanceObject::InstanceObject(Type* type) : Object(type), serial(g_next_serial++) {}

void instance_set_attr(InstanceObject& inst, std::string_view name, Value v) {
    auto [it, inserted] = inst.attrs.try_emplace(std::string(name), std::move(v));
    if (inserted) {
        inst.attr_order.emplace_back(name);
    } else {
        it->second = std::move(v);
    }
}

void set_binds_as_method(Type* t, bool binds) {
    if (binds) method_binding_types().insert(t);
    else method_binding_types().erase(t);
}
bool binds_as_method(const Type* t) { return method_binding_types().count(t) != 0; }

MethodOwner::MethodOwner(Type* owner, std::string method)
    : Object(method_owner_type()), owner(owner), method(std::move(method)) {}

bool is_builtin_method(const Value& v) {
    if (!v.is_obj() || v.as_obj()->type() != native_function_type()) return false;
    const Value& self = v.obj_as<NativeFunction>()->self;
    return self.is_obj() && self.as_obj()->type() == method_owner_type();
}

int64_t object_id(const Value& v) {
    switch (v.tag()) {
        case Value::Tag::Obj: {
            Object* o = v.as_obj();
            if (o->type()->layout() == Layout::Object && o->type() != type_type()) {
                return static_cast<int64_t>(static_cast<InstanceObject*>(o)->serial);
            }
            auto [it, inserted] = id_table().try_emplace(o, 0);
            if (inserted) it->second = g_next_serial++;
            return static_cast<int64_t>(it->second);
        }
        // Inline values have no identity in tasklens; give each kind a fixed id.
        case Value::Tag::None: return 1;
        case Value::Tag::Bool: return v.as_bool() ? 3 : 2;
        default: return 4;
    }
}

std::string fake_address(const Value& v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%llx",
                  static_cast<unsigned long long>(0x7f0000000000ULL + 16ULL * static_cast<uint64_t>(object_id(v))));
    return buf;
}

Value make_tuple(std::vector<Value> items) { return Value(new TupleObject(std::move(items))); }
Value make_list(std::vector<Value> items) { return Value(new ListObject(std::move(items))); }
Value make_dict() { return Value(new DictObject()); }

Value make_set(std::vector<Value> items) {
    Ref<SetObject> s(new SetObject());
    Outcome err;
    for (auto& it : items) s->add(it, err);
    return Value(s);
}

Outcome make_set_checked(std::span<const Value> items) {
    Ref<SetObject> s(new SetObject());
    Outcome err;
    for (auto& it : items)
        if (!s->add(it, err)) return err;
    return Outcome::ok(Value(s));
}

Outcome make_frozenset_checked(std::span<const Value> items) {
    Ref<SetObject> s(new SetObject(frozenset_type()));
    Outcome err;
    for (auto& it : items)
        if (!s->add(it, err)) return err;
    return Outcome::ok(Value(s));
}

Outcome make_range(int64_t start, int64_t stop, int64_t step) {
    if (step == 0) return value_error("range() arg 3 must not be zero");
    return Outcome::ok(Value(new RangeObject(start, stop, step)));
}

Value make_slice(Value start, Value stop, Value step) {
    if (start.is_null()) start = Value::none();
    if (stop.is_null()) stop = Value::none();
    if (step.is_null()) step = Value::none();
    return Value(new SliceObject(std::move(start), std::move(stop), std::move(step)));
}

// ---- dict access (ops.h) ----------------------------------------------------------

Outcome dict_get(const Value& dict, const Value& key) {
    DictObject* d = as_dict(dict);
    if (!d) return type_error("dict_get: not a dict");
    Outcome h = hash(key);
    if (!h.ok()) return h;
    Outcome err;
    int64_t pos = d->find(key, h.value.as_int(), err);
    if (!err.ok()) return err;
    if (pos < 0) return Outcome::ok(Value());
    return Outcome::ok(d->entries[static_cast<size_t>(pos)].value);
}

Outcome dict_set(const Value& dict, const Value& key, Value value) {
    DictObject* d = as_dict(dict);
    if (!d) return type_error("dict_set: not a dict");
    Outcome err;
    if (!d->set(key, std::move(value), err)) return err;
    return ok_none();
}

Outcome dict_del(const Value& dict, const Value& key) {
    DictObject* d = as_dict(dict);
    if (!d) return type_error("dict_del: not a dict");
    Outcome h = hash(key);
    if (!h.ok()) return h;
    Outcome err;
    int64_t pos = d->find(key, h.value.as_int(), err);
    if (!err.ok()) return err;
    if (pos < 0) return key_error(key);
    d->remove_at(pos);
    return ok_none();
}

size_t dict_size(const Value& dict) {
    DictObject* d = as_dict(dict);
    return d ? d->size() : 0;
}

std::vector<std::pair<Value, Value>> dict_items(const Value& dict) {
    std::vector<std::pair<Value, Value>> out;
    DictObject* d = as_dict(dict);
    if (!d) return out;
    for (auto& e : d->entries)
        if (!e.key.is_null()) out.emplace_back(e.key, e.value);
    return out;
}

}  // namespace tl
