// The private helpers of ops_support.h: argument checks with CPython's wording, builtin
// method registration and binding, dunder override lookup, the repr recursion guard and
// UTF-8 code-point helpers.
#include "daemon/object/ops_support.h"

#include <algorithm>
#include <vector>

namespace tl {

bool check_arity(const char* name, Args args, size_t min, size_t max, Outcome& err) {
    size_t n = args.size();
    if (n >= min && n <= max) return true;
    std::string fn = std::string(name) + "()";
    if (min == max) {
        if (min == 0) {
            err = type_error(fn + " takes no arguments (" + std::to_string(n) + " given)");
        } else if (min == 1) {
            err = type_error(fn + " takes exactly one argument (" + std::to_string(n) + " given)");
        } else {
            err = type_error(fn + " takes exactly " + std::to_string(min) + " arguments (" + std::to_string(n) + " given)");
        }
    } else if (n < min) {
        err = type_error(fn + " takes at least " + std::to_string(min) + " argument" + (min == 1 ? "" : "s") +
                         " (" + std::to_string(n) + " given)");
    } else {
        err = type_error(fn + " takes at most " + std::to_string(max) + " argument" + (max == 1 ? "" : "s") +
                         " (" + std::to_string(n) + " given)");
    }
    return false;
}

bool check_no_kwargs(const char* name, Kwargs kwargs, Outcome& err) {
    if (kwargs.empty()) return true;
    err = type_error(std::string(name) + "() takes no keyword arguments");
    return false;
}

const Value* find_kwarg(Kwargs kwargs, std::string_view name) {
    for (auto& kw : kwargs)
        if (kw.name == name) return &kw.value;
    return nullptr;
}

bool check_kwargs(const char* fname, Kwargs kwargs, std::initializer_list<std::string_view> allowed, Outcome& err) {
    for (auto& kw : kwargs) {
        if (std::find(allowed.begin(), allowed.end(), kw.name) == allowed.end()) {
            err = type_error(std::string(fname) + "() got an unexpected keyword argument '" + std::string(kw.name) + "'");
            return false;
        }
    }
    return true;
}

bool index_arg(const Value& v, int64_t& out, Outcome& err) {
    if (v.is_int()) { out = v.as_int(); return true; }
    if (v.is_bool()) { out = v.as_bool(); return true; }
    Outcome r;
    if (v.is_obj() && try_dunder(v, "__index__", {}, r)) {
        if (!r.ok()) { err = r; return false; }
        if (is_intlike(r.value)) { out = intlike(r.value); return true; }
        err = type_error("__index__ returned non-int (type " + type_name(r.value) + ")");
        return false;
    }
    err = type_error("'" + type_name(v) + "' object cannot be interpreted as an integer");
    return false;
}

bool number_as_double(const Value& v, double& out) {
    switch (v.tag()) {
        case Value::Tag::Int: out = static_cast<double>(v.as_int()); return true;
        case Value::Tag::Bool: out = v.as_bool() ? 1.0 : 0.0; return true;
        case Value::Tag::Float: out = v.as_float(); return true;
        default: return false;
    }
}

// ---- builtin methods ---------------------------------------------------------------

bool unbind_receiver(const Value& self, Args& args, Value& receiver, Outcome& err) {
    Type* owner = self.obj_as<MethodOwner>()->owner;
    const std::string& method = self.obj_as<MethodOwner>()->method;
    if (args.empty()) {
        err = type_error("unbound method " + owner->name() + "." + method + "() needs an argument");
        return false;
    }
    if (!type_of(args[0])->is_subtype(owner)) {
        err = type_error("descriptor '" + method + "' for '" + owner->name() + "' objects doesn't apply to a '" +
                         type_name(args[0]) + "' object");
        return false;
    }
    receiver = args[0];
    args = args.subspan(1);
    return true;
}

void add_method_fn(Type* t, const char* name, NativeFunction::Fn fn) {
    auto* owner = new MethodOwner(t, name);
    owner->make_immortal();
    auto* nf = new NativeFunction(name, fn, Value(owner));
    nf->make_immortal();
    t->dict()[name] = Value(nf);
}

void ensure_builtin_methods() {
    static bool done = [] {
        install_object_methods();
        install_number_methods();
        install_str_methods();
        install_list_methods();
        install_dict_methods();
        install_set_methods();
        install_range_methods();
        install_iterator_methods();
        install_exception_methods();
        return true;
    }();
    (void)done;
}

// ---- dunder overrides --------------------------------------------------------------

Value find_override(const Type* t, const char* name) {
    // Builtin methods of ours never count as overrides: their behaviour is native.
    // The first definition along the MRO is Type::lookup's answer (cached there).
    Value v = t->lookup(name);
    if (!v.is_null() && is_builtin_method(v)) return Value();
    return v;
}

Outcome call_override(const Value& fn, const Value& obj, Args args) {
    std::vector<Value> full;
    full.reserve(args.size() + 1);
    full.push_back(obj);
    full.insert(full.end(), args.begin(), args.end());
    return call_value(fn, full);
}

bool try_dunder(const Value& obj, const char* name, Args args, Outcome& out) {
    if (!obj.is_obj()) return false;
    Value fn = find_override(obj.as_obj()->type(), name);
    if (fn.is_null()) return false;
    if (fn.is_none()) {
        out = type_error("'" + type_name(obj) + "' object is not callable");
        return true;
    }
    out = call_override(fn, obj, args);
    return true;
}

// ---- repr recursion guard (Py_ReprEnter) ------------------------------------------------

namespace {
std::vector<const Object*>& repr_stack() {
    static thread_local std::vector<const Object*> s;
    return s;
}
}  // namespace

bool repr_enter(const Object* o) {
    auto& s = repr_stack();
    if (std::find(s.begin(), s.end(), o) != s.end()) return false;
    s.push_back(o);
    return true;
}

void repr_leave(const Object* o) {
    auto& s = repr_stack();
    auto it = std::find(s.begin(), s.end(), o);
    if (it != s.end()) s.erase(it);
}

// ---- UTF-8 -----------------------------------------------------------------------------

bool utf8_is_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

size_t utf8_length(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::u32string utf8_decode(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        char32_t cp;
        int extra;
        if (c < 0x80) { cp = c; extra = 0; }
        else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; extra = 1; }
        else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; extra = 2; }
        else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; extra = 3; }
        else { cp = 0xFFFD; extra = 0; }
        ++i;
        for (int k = 0; k < extra && i < s.size(); ++k, ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
        out.push_back(cp);
    }
    return out;
}

void utf8_append(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::string utf8_encode(std::u32string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t c : s) utf8_append(out, c);
    return out;
}

}  // namespace tl
