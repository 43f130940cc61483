// The descriptor builtins a scenario's classes use as decorators: property (with
// getter/setter/deleter), staticmethod and classmethod. ops.h already honours __get__ and
// __set__/__delete__ on class attributes (attributes.cpp); these are the objects behind
// them, installed as builtins by the Vm constructor.
#include <string>

#include "daemon/object/ops.h"
#include "daemon/script/function.h"
#include "daemon/script/vm_internal.h"

namespace tl::script {

namespace {

using Args = std::span<const Value>;
using Kwargs = std::span<const KwArg>;

Type* descriptor_type(const char* name) {
    auto* t = new Type(name, {}, Layout::Other);
    t->make_immortal();
    return t;
}
Type* property_type() {
    static Type* t = descriptor_type("property");
    return t;
}
Type* staticmethod_type() {
    static Type* t = descriptor_type("staticmethod");
    return t;
}
Type* classmethod_type() {
    static Type* t = descriptor_type("classmethod");
    return t;
}

class PropertyObject : public Object {
public:
    PropertyObject() : Object(property_type()) {}
    Value fget, fset, fdel;  // Null or None: absent
    // property's name for messages: the getter's __name__, as CPython falls back to.
    std::string name() const {
        for (const Value* f : {&fget, &fset, &fdel}) {
            if (f->is_obj() && f->as_obj()->type() == function_type()) return f->obj_as<FunctionObject>()->name;
        }
        return "";
    }
};

// staticmethod and classmethod: one wrapped callable.
class WrapperObject : public Object {
public:
    WrapperObject(Type* t, Value f) : Object(t), func(std::move(f)) {}
    Value func;
};

bool present(const Value& v) { return !v.is_null() && !v.is_none(); }

Outcome type_error(const std::string& m) { return Outcome::raise(make_exception(exc_types().TypeError, m)); }
Outcome attribute_error(const std::string& m) {
    return Outcome::raise(make_exception(exc_types().AttributeError, m));
}

std::string prop_message(const PropertyObject& p, const Value& obj, const char* what) {
    std::string n = p.name();
    std::string owner = "'" + type_of(obj)->name() + "' object";
    return n.empty() ? "property of " + owner + " has no " + what : "property '" + n + "' of " + owner + " has no " + what;
}

// property(fget=None, fset=None, fdel=None, doc=None)
Outcome property_new(const Value&, Args args, Kwargs kwargs) {
    if (args.size() > 4) return type_error("property() takes at most 4 arguments (" + std::to_string(args.size()) + " given)");
    Ref<PropertyObject> p(new PropertyObject());
    Value* slots[3] = {&p->fget, &p->fset, &p->fdel};
    for (size_t i = 0; i < args.size() && i < 3; ++i) *slots[i] = args[i];
    for (auto& kw : kwargs) {
        if (kw.name == "fget") p->fget = kw.value;
        else if (kw.name == "fset") p->fset = kw.value;
        else if (kw.name == "fdel") p->fdel = kw.value;
        else if (kw.name != "doc") return type_error("property() got an unexpected keyword argument '" + std::string(kw.name) + "'");
    }
    return Outcome::ok(Value(p));
}

// property.__get__ (descrobject.c property_descr_get)
Outcome property_get(const Value&, Args args, Kwargs) {
    auto* p = args[0].obj_as<PropertyObject>();
    if (args.size() < 2 || args[1].is_none()) return Outcome::ok(args[0]);
    if (!present(p->fget)) return attribute_error(prop_message(*p, args[1], "getter"));
    return call_value(p->fget, args.subspan(1, 1));
}

// property.__set__ (property_descr_set)
Outcome property_set(const Value&, Args args, Kwargs) {
    auto* p = args[0].obj_as<PropertyObject>();
    if (!present(p->fset)) return attribute_error(prop_message(*p, args[1], "setter"));
    Value a[2] = {args[1], args[2]};
    return call_value(p->fset, Args(a, 2));
}

// property.__delete__
Outcome property_delete(const Value&, Args args, Kwargs) {
    auto* p = args[0].obj_as<PropertyObject>();
    if (!present(p->fdel)) return attribute_error(prop_message(*p, args[1], "deleter"));
    return call_value(p->fdel, args.subspan(1, 1));
}

// property.getter/setter/deleter: a copy with one accessor replaced (property_copy).
template <int Slot>
Outcome property_with(const Value& self, Args args, Kwargs) {
    static const char* names[] = {"getter", "setter", "deleter"};
    if (args.size() != 1) {
        return type_error("property." + std::string(names[Slot]) + "() takes exactly one argument (" +
                          std::to_string(args.size()) + " given)");
    }
    auto* p = self.obj_as<PropertyObject>();
    Ref<PropertyObject> q(new PropertyObject());
    q->fget = Slot == 0 ? args[0] : p->fget;
    q->fset = Slot == 1 ? args[0] : p->fset;
    q->fdel = Slot == 2 ? args[0] : p->fdel;
    return Outcome::ok(Value(q));
}

Outcome staticmethod_new(const Value&, Args args, Kwargs kwargs) {
    if (!kwargs.empty()) return type_error("staticmethod() takes no keyword arguments");
    if (args.size() != 1) return type_error("staticmethod expected 1 argument, got " + std::to_string(args.size()));
    return Outcome::ok(Value(new WrapperObject(staticmethod_type(), args[0])));
}
Outcome classmethod_new(const Value&, Args args, Kwargs kwargs) {
    if (!kwargs.empty()) return type_error("classmethod() takes no keyword arguments");
    if (args.size() != 1) return type_error("classmethod expected 1 argument, got " + std::to_string(args.size()));
    return Outcome::ok(Value(new WrapperObject(classmethod_type(), args[0])));
}

// staticmethod.__get__ (funcobject.c sm_descr_get): the function itself.
Outcome staticmethod_get(const Value&, Args args, Kwargs) { return Outcome::ok(args[0].obj_as<WrapperObject>()->func); }

// classmethod.__get__ (cm_descr_get): bound to the owner class (type(obj) when no owner).
Outcome classmethod_get(const Value&, Args args, Kwargs) {
    Value owner = args.size() > 2 && !args[2].is_none() ? args[2] : Value(type_of(args[1]));
    return Outcome::ok(Value(new BoundMethod(args[0].obj_as<WrapperObject>()->func, owner)));
}

void add(Type* t, const char* name, NativeFunction::Fn fn) { t->dict()[name] = make_native_function(name, fn); }

}  // namespace

void install_descriptor_builtins(std::unordered_map<std::string, Value>& builtins,
                                 std::unordered_map<const Type*, Value>& constructors) {
    static bool installed = [] {
        add(property_type(), "__get__", &property_get);
        add(property_type(), "__set__", &property_set);
        add(property_type(), "__delete__", &property_delete);
        add(property_type(), "getter", &property_with<0>);
        add(property_type(), "setter", &property_with<1>);
        add(property_type(), "deleter", &property_with<2>);
        add(staticmethod_type(), "__get__", &staticmethod_get);
        add(classmethod_type(), "__get__", &classmethod_get);
        return true;
    }();
    (void)installed;
    builtins["property"] = Value(property_type());
    builtins["staticmethod"] = Value(staticmethod_type());
    builtins["classmethod"] = Value(classmethod_type());
    constructors[property_type()] = make_native_function("property", &property_new);
    constructors[staticmethod_type()] = make_native_function("staticmethod", &staticmethod_new);
    constructors[classmethod_type()] = make_native_function("classmethod", &classmethod_new);
}

}  // namespace tl::script
