// Attribute access (PyObject_GenericGetAttr's order: data descriptors of the type, the
// instance __dict__, then class attributes bound as methods, then __getattr__), type
// attributes, builtin methods bound to their receiver, and calling: construct() for
// builtin types and default_call_hook() for bound methods, classes and __call__.
#include <algorithm>
#include <cmath>

#include "daemon/object/dict.h"
#include "daemon/object/missing_attribute.h"
#include "daemon/object/ops_support.h"
#include "daemon/object/range.h"
#include "daemon/object/set.h"

namespace tl {

namespace {

bool is_type_obj(const Value& v) {
    return v.is_obj() && v.as_obj()->type()->layout() == Layout::Type;
}

// A class attribute's type defines __get__ (a descriptor such as the VM's property).
bool has_get(const Value& ca) { return ca.is_obj() && !find_override(ca.as_obj()->type(), "__get__").is_null(); }
bool is_data_descriptor(const Value& ca) {
    if (!ca.is_obj()) return false;
    Type* t = ca.as_obj()->type();
    return !find_override(t, "__get__").is_null() &&
           (!find_override(t, "__set__").is_null() || !find_override(t, "__delete__").is_null());
}

Outcome call_get(const Value& descr, const Value& obj, Type* owner) {
    Value args[2] = {obj, Value(owner)};
    return call_override(find_override(descr.as_obj()->type(), "__get__"), descr, args);
}

// A class attribute fetched through an instance.
Outcome bind(const Value& ca, const Value& obj) {
    if (is_builtin_method(ca)) {
        auto* nf = ca.obj_as<NativeFunction>();
        return Outcome::ok(Value(new NativeFunction(nf->name, nf->fn, obj)));
    }
    if (ca.is_obj()) {
        Type* t = ca.as_obj()->type();
        Layout l = type_of(obj)->layout();
        bool scenario_obj = l == Layout::Object || l == Layout::Exception;
        if (binds_as_method(t) || (t == native_function_type() && scenario_obj))
            return Outcome::ok(Value(new BoundMethod(ca, obj)));
        if (has_get(ca)) return call_get(ca, obj, type_of(obj));
    }
    return Outcome::ok(ca);
}

Value class_attr(const Type* t, std::string_view name) { return t->lookup(name); }

Outcome no_attribute(const Value& obj, std::string_view name) {
    if (is_type_obj(obj)) {
        return attribute_error("type object '" + static_cast<Type*>(obj.as_obj())->name() + "' has no attribute '" +
                               std::string(name) + "'");
    }
    return attribute_error("'" + type_name(obj) + "' object has no attribute '" + std::string(name) + "'");
}

// Types with their own "no such attribute" wording for reads (missing_attribute.h); a
// handful at most, so a short list.
struct MissingMessage {
    Type* type;
    MissingAttributeMessage message;
};
std::vector<MissingMessage>& missing_messages() {
    static std::vector<MissingMessage> v;
    return v;
}

// The AttributeError of reading a name obj lacks: the type's own wording when it has one.
Outcome no_attribute_on_read(const Value& obj, std::string_view name) {
    Type* t = type_of(obj);
    for (const MissingMessage& m : missing_messages())
        if (m.type == t) return attribute_error(m.message(obj, name));
    return no_attribute(obj, name);
}

// Attributes of builtin values that are data, not methods.
bool builtin_data_attr(const Value& obj, std::string_view name, Outcome& out) {
    if (is_intlike(obj)) {
        int64_t v = intlike(obj);
        if (name == "real" || name == "numerator") { out = Outcome::ok(Value::integer(v)); return true; }
        if (name == "imag") { out = Outcome::ok(Value::integer(0)); return true; }
        if (name == "denominator") { out = Outcome::ok(Value::integer(1)); return true; }
        return false;
    }
    if (obj.is_float()) {
        if (name == "real") { out = Outcome::ok(obj); return true; }
        if (name == "imag") { out = Outcome::ok(Value::floating(0.0)); return true; }
        return false;
    }
    if (!obj.is_obj()) return false;
    Object* o = obj.as_obj();
    if (auto* r = as_range(obj)) {
        if (name == "start") { out = Outcome::ok(Value::integer(r->start)); return true; }
        if (name == "stop") { out = Outcome::ok(Value::integer(r->stop)); return true; }
        if (name == "step") { out = Outcome::ok(Value::integer(r->step)); return true; }
    }
    if (auto* s = as_slice(obj)) {
        if (name == "start") { out = Outcome::ok(s->start); return true; }
        if (name == "stop") { out = Outcome::ok(s->stop); return true; }
        if (name == "step") { out = Outcome::ok(s->step); return true; }
    }
    if (o->type() == bound_method_type()) {
        auto* bm = static_cast<BoundMethod*>(o);
        if (name == "__self__") { out = Outcome::ok(bm->self); return true; }
        if (name == "__func__") { out = Outcome::ok(bm->function); return true; }
        if (name == "__name__" || name == "__qualname__" || name == "__doc__") {
            out = getattr(bm->function, name);
            return true;
        }
    }
    if (o->type() == native_function_type()) {
        auto* nf = static_cast<NativeFunction*>(o);
        if (name == "__name__" || name == "__qualname__") { out = Outcome::ok(make_str(nf->name)); return true; }
        if (name == "__self__") { out = Outcome::ok(nf->self.is_null() ? Value::none() : nf->self); return true; }
    }
    if (o->type()->layout() == Layout::Dict || o->type()->layout() == Layout::List) return false;
    if (o->type()->name() == "dict_keys" || o->type()->name() == "dict_values" || o->type()->name() == "dict_items") {
        if (name == "mapping") { out = Outcome::ok(Value(static_cast<DictViewObject*>(o)->dict)); return true; }
    }
    return false;
}

Outcome type_getattr(const Value& obj, std::string_view name) {
    auto* t = static_cast<Type*>(obj.as_obj());
    if (name == "__name__") return Outcome::ok(make_str(t->name()));
    if (name == "__qualname__") return Outcome::ok(make_str(t->qualname));
    if (name == "__module__") {
        Value m = class_attr(t, "__module__");
        if (!m.is_null() && t->dict_view().count("__module__")) return Outcome::ok(m);
        return Outcome::ok(make_str(t->module));
    }
    if (name == "__mro__") {
        std::vector<Value> items;
        for (Type* m : t->mro()) items.emplace_back(m);
        return Outcome::ok(make_tuple(std::move(items)));
    }
    if (name == "__bases__") {
        std::vector<Value> items;
        for (Type* b : t->bases()) items.emplace_back(b);
        return Outcome::ok(make_tuple(std::move(items)));
    }
    if (name == "__base__") {
        if (t->bases().empty()) return ok_none();
        return Outcome::ok(Value(t->bases()[0]));
    }
    if (name == "__class__") return Outcome::ok(Value(type_of(obj)));
    if (name == "__dict__") {
        Ref<DictObject> d(new DictObject());
        Outcome err;
        for (auto& [k, v] : t->dict()) d->set(make_str(k), v, err);
        return Outcome::ok(Value(d));
    }
    Value ca = class_attr(t, name);
    if (!ca.is_null()) {
        if (ca.is_obj() && !is_builtin_method(ca) && has_get(ca) && !binds_as_method(ca.as_obj()->type())) {
            return call_get(ca, Value::none(), t);
        }
        return Outcome::ok(ca);
    }
    if (name == "__doc__") return ok_none();
    Value meta = class_attr(type_of(obj), name);
    if (!meta.is_null()) return bind(meta, obj);
    return no_attribute(obj, name);
}

Outcome call_getattr_hook(const Value& obj, std::string_view name, Outcome missing) {
    Value hook = find_override(type_of(obj), "__getattr__");
    if (hook.is_null()) return missing;
    Value n = make_str(std::string(name));
    return call_override(hook, obj, std::span<const Value>(&n, 1));
}

}  // namespace

Outcome getattr(const Value& obj, std::string_view name) {
    ensure_builtin_methods();
    if (name == "__class__") return Outcome::ok(Value(type_of(obj)));
    if (is_type_obj(obj)) return type_getattr(obj, name);
    Type* t = type_of(obj);
    if (obj.is_obj()) {
        Layout l = t->layout();
        if (l == Layout::Object || l == Layout::Exception) {
            Value ca = class_attr(t, name);
            if (!ca.is_null() && is_data_descriptor(ca)) return call_get(ca, obj, t);
            if (l == Layout::Exception) {
                auto* e = obj.obj_as<ExceptionObject>();
                Outcome out;
                if (exception_getattr(*e, name, out)) return out;
                if (e->has_attrs()) {
                    auto it = e->attrs().find(std::string(name));
                    if (it != e->attrs().end()) return Outcome::ok(it->second);
                }
            } else {
                auto* inst = obj.obj_as<InstanceObject>();
                if (name == "__dict__") {
                    Ref<DictObject> d(new DictObject());
                    Outcome err;
                    for (auto& k : inst->attr_order) d->set(make_str(k), inst->attrs[k], err);
                    return Outcome::ok(Value(d));
                }
                auto it = inst->attrs.find(std::string(name));
                if (it != inst->attrs.end()) return Outcome::ok(it->second);
            }
            if (!ca.is_null()) return bind(ca, obj);
            return call_getattr_hook(obj, name, no_attribute_on_read(obj, name));
        }
    }
    Outcome data;
    if (builtin_data_attr(obj, name, data)) return data;
    Value ca = class_attr(t, name);
    if (!ca.is_null()) return bind(ca, obj);
    if (obj.is_obj()) return call_getattr_hook(obj, name, no_attribute_on_read(obj, name));
    return no_attribute(obj, name);
}

void set_missing_attribute_message(Type* t, MissingAttributeMessage message) {
    for (MissingMessage& m : missing_messages()) {
        if (m.type == t) {
            m.message = message;
            return;
        }
    }
    missing_messages().push_back({t, message});
}

Value lookup_attr(const Value& obj, std::string_view name) {
    Outcome r = getattr(obj, name);
    if (!r.ok()) return Value();
    return r.value;
}

namespace {

Outcome generic_setattr(const Value& obj, std::string_view name, Value value) {
    Type* t = type_of(obj);
    if (is_type_obj(obj)) {
        auto* ty = static_cast<Type*>(obj.as_obj());
        if (ty->module == "builtins" || ty->module.rfind("asyncio", 0) == 0) {
            return type_error("cannot set '" + std::string(name) + "' attribute of immutable type '" + ty->name() + "'");
        }
        if (name == "__qualname__" && str_of(value)) { ty->qualname = *str_of(value); return ok_none(); }
        if (name == "__module__" && str_of(value)) { ty->module = *str_of(value); return ok_none(); }
        ty->dict()[std::string(name)] = std::move(value);
        return ok_none();
    }
    if (obj.is_obj()) {
        Layout l = t->layout();
        if (l == Layout::Object || l == Layout::Exception) {
            Value ca = class_attr(t, name);
            if (!ca.is_null() && ca.is_obj()) {
                Value setter = find_override(ca.as_obj()->type(), "__set__");
                if (!setter.is_null()) {
                    Value args[2] = {obj, value};
                    Outcome r = call_override(setter, ca, args);
                    if (!r.ok()) return r;
                    return ok_none();
                }
            }
            if (l == Layout::Exception) {
                Outcome out;
                if (exception_setattr(*obj.obj_as<ExceptionObject>(), name, value, out)) return out;
                obj.obj_as<ExceptionObject>()->attrs()[std::string(name)] = std::move(value);
                return ok_none();
            }
            if (t == object_type()) {
                return attribute_error("'object' object has no attribute '" + std::string(name) +
                                       "' and no __dict__ for setting new attributes");
            }
            instance_set_attr(*obj.obj_as<InstanceObject>(), name, std::move(value));
            return ok_none();
        }
    }
    ensure_builtin_methods();
    if (!class_attr(t, name).is_null()) {
        return attribute_error("'" + t->name() + "' object attribute '" + std::string(name) + "' is read-only");
    }
    return attribute_error("'" + t->name() + "' object has no attribute '" + std::string(name) +
                           "' and no __dict__ for setting new attributes");
}

Outcome generic_delattr(const Value& obj, std::string_view name) {
    Type* t = type_of(obj);
    if (is_type_obj(obj)) {
        auto* ty = static_cast<Type*>(obj.as_obj());
        if (ty->dict().erase(std::string(name)) == 0) return no_attribute(obj, name);
        return ok_none();
    }
    if (obj.is_obj()) {
        Layout l = t->layout();
        Value ca = class_attr(t, name);
        if (!ca.is_null() && ca.is_obj()) {
            Value deleter = find_override(ca.as_obj()->type(), "__delete__");
            if (!deleter.is_null()) return call_override(deleter, ca, std::span<const Value>(&obj, 1));
        }
        if (l == Layout::Object && t != object_type()) {
            auto* inst = obj.obj_as<InstanceObject>();
            std::string key(name);
            if (inst->attrs.erase(key) == 0) return no_attribute(obj, name);
            bump_instance_attrs_epoch();
            inst->attr_order.erase(std::find(inst->attr_order.begin(), inst->attr_order.end(), key));
            return ok_none();
        }
        if (l == Layout::Exception) {
            auto* e = obj.obj_as<ExceptionObject>();
            if (name == "__notes__" && !e->notes.empty()) { e->notes.clear(); return ok_none(); }
            if (e->has_attrs() && e->attrs().erase(std::string(name))) return ok_none();
            return no_attribute(obj, name);
        }
    }
    if (!obj.is_obj() || t->layout() != Layout::Object) {
        return attribute_error("'" + t->name() + "' object has no attribute '" + std::string(name) +
                               "' and no __dict__ for setting new attributes");
    }
    return no_attribute(obj, name);
}

}  // namespace

Outcome setattr(const Value& obj, std::string_view name, Value value) {
    if (obj.is_obj() && !is_type_obj(obj)) {
        Value hook = find_override(obj.as_obj()->type(), "__setattr__");
        if (!hook.is_null()) {
            Value args[2] = {make_str(std::string(name)), value};
            Outcome r = call_override(hook, obj, args);
            if (!r.ok()) return r;
            return ok_none();
        }
    }
    return generic_setattr(obj, name, std::move(value));
}

Outcome delattr(const Value& obj, std::string_view name) {
    if (obj.is_obj() && !is_type_obj(obj)) {
        Value hook = find_override(obj.as_obj()->type(), "__delattr__");
        if (!hook.is_null()) {
            Value n = make_str(std::string(name));
            Outcome r = call_override(hook, obj, std::span<const Value>(&n, 1));
            if (!r.ok()) return r;
            return ok_none();
        }
    }
    return generic_delattr(obj, name);
}

Outcome call_method(const Value& obj, std::string_view name, Args args, Kwargs kwargs) {
    ensure_builtin_methods();
    Type* t = type_of(obj);
    if (t->layout() != Layout::Object && t->layout() != Layout::Exception && t->layout() != Layout::Type) {
        Value ca = class_attr(t, name);
        if (is_builtin_method(ca)) return ca.obj_as<NativeFunction>()->fn(obj, args, kwargs);
    }
    Outcome f = getattr(obj, name);
    if (!f.ok()) return f;
    return call_value(f.value, args, kwargs);
}

// ---- construction and calls ---------------------------------------------------------------

Outcome make_enumerate(const Value& iterable, int64_t start);

Outcome construct(Type* type, Args args, Kwargs kwargs) {
    ensure_builtin_methods();
    Outcome err;
    const std::string& n = type->name();
    auto no_kw = [&](const char* name) { return check_no_kwargs(name, kwargs, err); };
    if (type->layout() == Layout::Exception) {
        if (!kwargs.empty() && find_override(type, "__init__").is_null())
            return type_error(n + "() takes no keyword arguments");
        return construct_exception(type, args);
    }
    if (type == int_type()) {
        if (!check_kwargs("int", kwargs, {"base"}, err)) return err;
        const Value* base = args.size() > 1 ? &args[1] : find_kwarg(kwargs, "base");
        if (args.size() > 2) return type_error("int() takes at most 2 arguments (" + std::to_string(args.size()) + " given)");
        if (args.empty()) {
            if (base) return type_error("int() missing string argument");
            return Outcome::ok(Value::integer(0));
        }
        if (!base) return to_int(args[0]);
        int64_t b;
        if (!index_arg(*base, b, err)) return err;
        if (!str_of(args[0])) return type_error("int() can't convert non-string with explicit base");
        return int_from_string(*str_of(args[0]), static_cast<int>(b < -1 || b > 36 ? 99 : b));
    }
    if (type == float_type()) {
        if (!no_kw("float") || !check_arity("float", args, 0, 1, err)) return err;
        if (args.empty()) return Outcome::ok(Value::floating(0.0));
        return to_float(args[0]);
    }
    if (type == bool_type()) {
        if (!no_kw("bool") || !check_arity("bool", args, 0, 1, err)) return err;
        if (args.empty()) return Outcome::ok(Value::boolean(false));
        return truthy(args[0]);
    }
    if (type == str_type()) {
        if (!check_kwargs("str", kwargs, {"object"}, err)) return err;
        if (args.size() > 1) return raise(exc_types().NotImplementedError, "str(): bytes decoding is not supported by tasklens");
        const Value* o = !args.empty() ? &args[0] : find_kwarg(kwargs, "object");
        if (!o) return Outcome::ok(make_str(""));
        return str(*o);
    }
    if (type == none_type()) {
        if (!args.empty() || !kwargs.empty()) return type_error("NoneType takes no arguments");
        return ok_none();
    }
    if (type == object_type()) {
        if (!args.empty() || !kwargs.empty()) return type_error("object() takes no arguments");
        return Outcome::ok(Value(new InstanceObject(object_type())));
    }
    if (type == type_type()) {
        if (args.size() == 1 && kwargs.empty()) return Outcome::ok(Value(type_of(args[0])));
        return type_error("type() takes 1 or 3 arguments");
    }
    if (type == range_type()) {
        if (!no_kw("range")) return err;
        if (args.empty()) return type_error("range expected at least 1 argument, got 0");
        if (args.size() > 3) return type_error("range expected at most 3 arguments, got " + std::to_string(args.size()));
        int64_t v[3] = {0, 0, 1};
        for (size_t i = 0; i < args.size(); ++i)
            if (!index_arg(args[i], v[i], err)) return err;
        if (args.size() == 1) return make_range(0, v[0], 1);
        return make_range(v[0], v[1], args.size() == 3 ? v[2] : 1);
    }
    if (type == slice_type()) {
        if (!no_kw("slice")) return err;
        if (args.empty()) return type_error("slice expected at least 1 argument, got 0");
        if (args.size() > 3) return type_error("slice expected at most 3 arguments, got " + std::to_string(args.size()));
        if (args.size() == 1) return Outcome::ok(make_slice(Value::none(), args[0], Value::none()));
        return Outcome::ok(make_slice(args[0], args[1], args.size() == 3 ? args[2] : Value::none()));
    }
    switch (type->layout()) {
        case Layout::Tuple: {
            if (!no_kw(n.c_str()) || !check_arity(n.c_str(), args, 0, 1, err)) return err;
            if (type == tuple_type() && !args.empty() && args[0].is_obj() && args[0].as_obj()->type() == tuple_type())
                return Outcome::ok(args[0]);
            std::vector<Value> items;
            if (!args.empty()) {
                Outcome c = collect(args[0], items);
                if (!c.ok()) return c;
            }
            return Outcome::ok(Value(new TupleObject(std::move(items), type)));
        }
        case Layout::List: {
            if (!no_kw(n.c_str()) || !check_arity(n.c_str(), args, 0, 1, err)) return err;
            std::vector<Value> items;
            if (!args.empty()) {
                Outcome c = collect(args[0], items);
                if (!c.ok()) return c;
            }
            return Outcome::ok(Value(new ListObject(std::move(items), type)));
        }
        case Layout::Dict: {
            if (args.size() > 1) return type_error("dict expected at most 1 argument, got " + std::to_string(args.size()));
            Ref<DictObject> d(new DictObject(type));
            if (!args.empty()) {
                Outcome u = dict_update_from(*d, args[0], "dict");
                if (!u.ok()) return u;
            }
            for (auto& kw : kwargs)
                if (!d->set(make_str(std::string(kw.name)), kw.value, err)) return err;
            return Outcome::ok(Value(d));
        }
        case Layout::Set: {
            if (!no_kw(n.c_str()) || !check_arity(n.c_str(), args, 0, 1, err)) return err;
            bool frozen = type->is_subtype(frozenset_type());
            if (frozen && type == frozenset_type() && !args.empty() && args[0].is_obj() && args[0].as_obj()->type() == frozenset_type())
                return Outcome::ok(args[0]);
            Ref<SetObject> s(new SetObject(type));
            if (!args.empty() && !s->update(args[0], err)) return err;
            return Outcome::ok(Value(s));
        }
        case Layout::Str: {
            Outcome s = construct(str_type(), args, kwargs);
            if (!s.ok()) return s;
            return Outcome::ok(Value(new StrObject(*str_of(s.value), type)));
        }
        case Layout::Object:
            if (type != instance_base_type()) return Outcome::ok(Value(new InstanceObject(type)));
            break;
        default: break;
    }
    return type_error("cannot create '" + type->name() + "' instances");
}

Outcome default_call_hook(const Value& callable, Args args, Kwargs kwargs) {
    if (!callable.is_obj()) return type_error("'" + type_name(callable) + "' object is not callable");
    Object* o = callable.as_obj();
    Type* t = o->type();
    if (t == native_function_type()) {
        auto* nf = static_cast<NativeFunction*>(o);
        return nf->fn(nf->self, args, kwargs);
    }
    if (t == bound_method_type()) {
        auto* bm = static_cast<BoundMethod*>(o);
        std::vector<Value> full;
        full.reserve(args.size() + 1);
        full.push_back(bm->self);
        full.insert(full.end(), args.begin(), args.end());
        return call_value(bm->function, full, kwargs);
    }
    if (t->layout() == Layout::Type) {
        auto* ty = static_cast<Type*>(o);
        bool scenario_init = (ty->layout() == Layout::Object || ty->layout() == Layout::Exception) &&
                             !find_override(ty, "__init__").is_null();
        Outcome r = scenario_init ? construct(ty, ty->layout() == Layout::Exception ? args : Args{}, {})
                                  : construct(ty, args, kwargs);
        if (!r.ok() || !scenario_init) return r;
        std::vector<Value> full;
        full.push_back(r.value);
        full.insert(full.end(), args.begin(), args.end());
        Outcome init = call_value(find_override(ty, "__init__"), full, kwargs);
        if (!init.ok()) return init;
        if (!init.value.is_none()) return type_error("__init__() should return None, not '" + type_name(init.value) + "'");
        return r;
    }
    Value fn = find_override(t, "__call__");
    if (!fn.is_null()) {
        std::vector<Value> full;
        full.push_back(callable);
        full.insert(full.end(), args.begin(), args.end());
        return call_value(fn, full, kwargs);
    }
    return type_error("'" + t->name() + "' object is not callable");
}

// ---- methods of object, int and float -----------------------------------------------------

namespace {

Outcome o_init(const Value&, Args, Kwargs) { return ok_none(); }
Outcome o_repr(const Value& self, Args, Kwargs) { return native_repr(self); }
Outcome o_str(const Value& self, Args, Kwargs) { return repr(self); }
Outcome o_eq(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("__eq__", args, 1, 1, err)) return err;
    if (self.is(args[0])) return Outcome::ok(Value::boolean(true));
    return Outcome::ok(not_implemented());
}
Outcome o_ne(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("__ne__", args, 1, 1, err)) return err;
    Outcome r = compare(CompareOp::Eq, self, args[0]);
    if (!r.ok() || is_not_implemented(r.value)) return r;
    Outcome t = truthy(r.value);
    if (!t.ok()) return t;
    return Outcome::ok(Value::boolean(!t.value.as_bool()));
}
Outcome o_hash(const Value& self, Args, Kwargs) {
    if (self.is_obj()) return Outcome::ok(Value::integer(hash_pointer(self.as_obj())));
    return hash(self);
}
Outcome o_format(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("__format__", args, 1, 1, err)) return err;
    if (!str_of(args[0])) return type_error("__format__() argument must be str, not " + type_name(args[0]));
    if (!str_of(args[0])->empty()) return type_error("unsupported format string passed to " + type_name(self) + ".__format__");
    return str(self);
}
Outcome o_setattr(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("__setattr__", args, 2, 2, err)) return err;
    if (!str_of(args[0])) return type_error("attribute name must be string, not '" + type_name(args[0]) + "'");
    return generic_setattr(self, *str_of(args[0]), args[1]);
}
Outcome o_delattr(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("__delattr__", args, 1, 1, err)) return err;
    if (!str_of(args[0])) return type_error("attribute name must be string, not '" + type_name(args[0]) + "'");
    return generic_delattr(self, *str_of(args[0]));
}
Outcome o_getattribute(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("__getattribute__", args, 1, 1, err)) return err;
    if (!str_of(args[0])) return type_error("attribute name must be string, not '" + type_name(args[0]) + "'");
    return getattr(self, *str_of(args[0]));
}
Outcome o_init_subclass(const Value&, Args, Kwargs) { return ok_none(); }

Outcome i_bit_length(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("bit_length", args, 0, 0, err)) return err;
    int64_t v = intlike(self);
    uint64_t m = v < 0 ? 0ULL - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    return Outcome::ok(Value::integer(m == 0 ? 0 : 64 - __builtin_clzll(m)));
}
Outcome i_bit_count(const Value& self, Args, Kwargs) {
    int64_t v = intlike(self);
    uint64_t m = v < 0 ? 0ULL - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    return Outcome::ok(Value::integer(__builtin_popcountll(m)));
}
Outcome i_conjugate(const Value& self, Args, Kwargs) { return Outcome::ok(Value::integer(intlike(self))); }
Outcome i_is_integer(const Value&, Args, Kwargs) { return Outcome::ok(Value::boolean(true)); }
Outcome i_ratio(const Value& self, Args, Kwargs) { return Outcome::ok(make_tuple({Value::integer(intlike(self)), Value::integer(1)})); }

Outcome f_is_integer(const Value& self, Args, Kwargs) {
    double d = self.as_float();
    return Outcome::ok(Value::boolean(std::isfinite(d) && std::floor(d) == d));
}
Outcome f_conjugate(const Value& self, Args, Kwargs) { return Outcome::ok(self); }
Outcome f_ratio(const Value& self, Args, Kwargs) {
    double d = self.as_float();
    if (std::isinf(d)) return overflow_error("cannot convert Infinity to integer ratio");
    if (std::isnan(d)) return value_error("cannot convert NaN to integer ratio");
    int e;
    double m = std::frexp(d, &e);
    for (int i = 0; i < 300 && m != std::floor(m); ++i) {
        m *= 2.0;
        --e;
    }
    if (std::fabs(m) >= 9.2e18) return int_overflow();
    int64_t num = static_cast<int64_t>(m);
    int64_t den = 1;
    if (e > 0) {
        for (int i = 0; i < e; ++i)
            if (__builtin_mul_overflow(num, 2, &num)) return int_overflow();
    } else {
        for (int i = 0; i < -e; ++i)
            if (__builtin_mul_overflow(den, 2, &den)) return int_overflow();
    }
    return Outcome::ok(make_tuple({Value::integer(num), Value::integer(den)}));
}

}  // namespace

void install_object_methods() {
    Type* t = object_type();
    add_method<o_init>(t, "__init__");
    add_method<o_repr>(t, "__repr__");
    add_method<o_str>(t, "__str__");
    add_method<o_eq>(t, "__eq__");
    add_method<o_ne>(t, "__ne__");
    add_method<o_hash>(t, "__hash__");
    add_method<o_format>(t, "__format__");
    add_method<o_setattr>(t, "__setattr__");
    add_method<o_delattr>(t, "__delattr__");
    add_method<o_getattribute>(t, "__getattribute__");
    add_method<o_init_subclass>(t, "__init_subclass__");
}

void install_number_methods() {
    Type* i = int_type();
    add_method<i_bit_length>(i, "bit_length");
    add_method<i_bit_count>(i, "bit_count");
    add_method<i_conjugate>(i, "conjugate");
    add_method<i_is_integer>(i, "is_integer");
    add_method<i_ratio>(i, "as_integer_ratio");
    Type* f = float_type();
    add_method<f_is_integer>(f, "is_integer");
    add_method<f_conjugate>(f, "conjugate");
    add_method<f_ratio>(f, "as_integer_ratio");
}

}  // namespace tl
