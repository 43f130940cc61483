// repr(), str() and ascii() of every value, byte-identical to CPython 3.13: unicode_repr's
// quoting and escaping, float repr (float_repr.h), containers with the `[...]` recursion
// guard, types, builtin functions and methods, and the default `<__main__.Foo object at
// 0x…>` with the fake address of core_types.cpp. Scenario __repr__/__str__ win.
#include "daemon/object/dict.h"
#include "daemon/object/float_repr.h"
#include "daemon/object/ops_support.h"
#include "daemon/object/range.h"
#include "daemon/object/set.h"

namespace tl {

namespace {

// Py_UNICODE_ISPRINTABLE for non-ASCII code points, without a Unicode database: the
// C1 controls and the format/separator/space characters CPython escapes, surrogates and
// private-use areas. Unassigned code points print as-is (CPython escapes them).
bool is_printable_nonascii(char32_t c) {
    if (c < 0xA0) return false;                       // C1 controls
    if (c == 0xA0 || c == 0xAD) return false;         // NBSP (Zs), soft hyphen (Cf)
    if (c >= 0x600 && c <= 0x605) return false;
    if (c == 0x61C || c == 0x6DD || c == 0x70F || c == 0x8E2 || c == 0x1680 || c == 0x180E) return false;
    if (c >= 0x2000 && c <= 0x200F) return false;
    if (c >= 0x2028 && c <= 0x202F) return false;
    if (c >= 0x205F && c <= 0x2064) return false;
    if (c >= 0x2066 && c <= 0x206F) return false;
    if (c == 0x3000 || c == 0xFEFF) return false;
    if (c >= 0xD800 && c <= 0xF8FF) return false;     // surrogates, private use
    if (c >= 0xFFF9 && c <= 0xFFFB) return false;
    if (c == 0xFFFE || c == 0xFFFF) return false;
    if (c == 0x110BD || c == 0x110CD || c == 0xE0001) return false;
    if (c >= 0x1BCA0 && c <= 0x1BCA3) return false;
    if (c >= 0x1D173 && c <= 0x1D17A) return false;
    if (c >= 0xE0020 && c <= 0xE007F) return false;
    if (c >= 0xF0000) return false;                   // supplementary private use
    return true;
}

void append_hex(std::string& out, char prefix, uint32_t v, int width) {
    static const char* hex = "0123456789abcdef";
    out += '\\';
    out += prefix;
    for (int i = width - 1; i >= 0; --i) out += hex[(v >> (4 * i)) & 0xF];
}

std::string join_reprs(const std::vector<Value>& items, Outcome& err) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        Outcome r = repr(items[i]);
        if (!r.ok()) { err = r; return ""; }
        out += *str_of(r.value);
    }
    return out;
}

std::string type_repr(const Type* t) {
    if (t->module == "builtins") return "<class '" + t->qualname + "'>";
    return "<class '" + t->module + "." + t->qualname + "'>";
}

const char* iterator_name(const IterObject& it) {
    switch (it.kind) {
        case IterKind::Seq:
            return it.source.is_obj() && it.source.as_obj()->type()->layout() == Layout::Tuple ? "tuple_iterator" : "list_iterator";
        case IterKind::SeqRev:
            return it.source.is_obj() && it.source.as_obj()->type()->layout() == Layout::List ? "list_reverseiterator" : "reversed";
        case IterKind::Str: return utf8_is_ascii(*str_of(it.source)) ? "str_ascii_iterator" : "str_iterator";
        case IterKind::StrRev: return "reversed";
        case IterKind::Range: return "range_iterator";
        case IterKind::Enumerate: return "enumerate";
        case IterKind::Zip: return "zip";
        case IterKind::Map: return "map";
        case IterKind::Filter: return "filter";
        case IterKind::SeqProtocol: return "iterator";
        case IterKind::Callable: return "callable_iterator";
        case IterKind::DictKeys: return it.step < 0 ? "dict_reversekeyiterator" : "dict_keyiterator";
        case IterKind::DictValues: return it.step < 0 ? "dict_reversevalueiterator" : "dict_valueiterator";
        case IterKind::DictItems: return it.step < 0 ? "dict_reverseitemiterator" : "dict_itemiterator";
        case IterKind::Set: return "set_iterator";
    }
    return "iterator";
}

std::string default_repr(const Value& v) {
    Type* t = type_of(v);
    std::string name = t->module == "builtins" ? t->qualname : t->module + "." + t->qualname;
    return "<" + name + " object at " + fake_address(v) + ">";
}

Outcome str_result(Outcome r, const char* which) {
    if (!r.ok()) return r;
    if (!str_of(r.value)) {
        return type_error(std::string(which) + " returned non-string (type " + type_name(r.value) + ")");
    }
    return r;
}

}  // namespace

std::string str_repr_text(std::string_view s, bool ascii_only) {
    bool has_single = s.find('\'') != std::string_view::npos;
    bool has_double = s.find('"') != std::string_view::npos;
    char quote = (has_single && !has_double) ? '"' : '\'';
    std::string out;
    out.reserve(s.size() + 2);
    out += quote;
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            if (c == static_cast<unsigned char>(quote) || c == '\\') { out += '\\'; out += static_cast<char>(c); }
            else if (c == '\t') out += "\\t";
            else if (c == '\n') out += "\\n";
            else if (c == '\r') out += "\\r";
            else if (c < 0x20 || c == 0x7F) append_hex(out, 'x', c, 2);
            else out += static_cast<char>(c);
            continue;
        }
        size_t start = i;
        int extra = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
        char32_t cp = extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : extra == 3 ? (c & 0x07) : 0xFFFD;
        ++i;
        for (int k = 0; k < extra && i < s.size(); ++k, ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
        if (!ascii_only && is_printable_nonascii(cp)) {
            out.append(s.substr(start, i - start));
        } else if (cp < 0x100) {
            append_hex(out, 'x', cp, 2);
        } else if (cp < 0x10000) {
            append_hex(out, 'u', cp, 4);
        } else {
            append_hex(out, 'U', cp, 8);
        }
    }
    out += quote;
    return out;
}

Outcome native_repr(const Value& v) {
    switch (v.tag()) {
        case Value::Tag::Null:
        case Value::Tag::None: return Outcome::ok(make_str("None"));
        case Value::Tag::Bool: return Outcome::ok(make_str(v.as_bool() ? "True" : "False"));
        case Value::Tag::Int: return Outcome::ok(make_str(std::to_string(v.as_int())));
        case Value::Tag::Float: return Outcome::ok(make_str(float_repr(v.as_float())));
        case Value::Tag::Obj: break;
    }
    Object* o = v.as_obj();
    Type* t = o->type();
    Outcome err;
    switch (t->layout()) {
        case Layout::Str: return Outcome::ok(make_str(str_repr_text(static_cast<StrObject*>(o)->value)));
        case Layout::Tuple: {
            auto& items = static_cast<TupleObject*>(o)->items;
            if (items.empty()) return Outcome::ok(make_str("()"));
            if (!repr_enter(o)) return Outcome::ok(make_str("(...)"));
            std::string body = join_reprs(items, err);
            repr_leave(o);
            if (!err.ok()) return err;
            return Outcome::ok(make_str("(" + body + (items.size() == 1 ? ",)" : ")")));
        }
        case Layout::List: {
            auto& items = static_cast<ListObject*>(o)->items;
            if (items.empty()) return Outcome::ok(make_str("[]"));
            if (!repr_enter(o)) return Outcome::ok(make_str("[...]"));
            std::vector<Value> snapshot = items;
            std::string body = join_reprs(snapshot, err);
            repr_leave(o);
            if (!err.ok()) return err;
            return Outcome::ok(make_str("[" + body + "]"));
        }
        case Layout::Dict: {
            auto* d = static_cast<DictObject*>(o);
            if (d->size() == 0) return Outcome::ok(make_str("{}"));
            if (!repr_enter(o)) return Outcome::ok(make_str("{...}"));
            std::string body = dict_repr(*d, err);
            repr_leave(o);
            if (!err.ok()) return err;
            return Outcome::ok(make_str(body));
        }
        case Layout::Set: {
            auto* s = static_cast<SetObject*>(o);
            if (!repr_enter(o)) return Outcome::ok(make_str(t->name() + "(...)"));
            std::string body = set_repr(*s, err);
            repr_leave(o);
            if (!err.ok()) return err;
            return Outcome::ok(make_str(body));
        }
        case Layout::Exception: return Outcome::ok(make_str(exception_display(*static_cast<ExceptionObject*>(o))));
        case Layout::Type: return Outcome::ok(make_str(type_repr(static_cast<Type*>(o))));
        default: break;
    }
    if (t == type_type() || t->layout() == Layout::Type) return Outcome::ok(make_str(type_repr(static_cast<Type*>(o))));
    if (auto* r = as_range(v)) {
        std::string s = "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop);
        if (r->step != 1) s += ", " + std::to_string(r->step);
        return Outcome::ok(make_str(s + ")"));
    }
    if (auto* sl = as_slice(v)) {
        std::string body = join_reprs({sl->start, sl->stop, sl->step}, err);
        if (!err.ok()) return err;
        return Outcome::ok(make_str("slice(" + body + ")"));
    }
    if (t == native_function_type()) {
        auto* nf = static_cast<NativeFunction*>(o);
        if (nf->self.is_null()) return Outcome::ok(make_str("<built-in function " + nf->name + ">"));
        if (nf->self.is_obj() && nf->self.as_obj()->type() == method_owner_type()) {
            return Outcome::ok(make_str("<method '" + nf->name + "' of '" +
                                        nf->self.obj_as<MethodOwner>()->owner->name() + "' objects>"));
        }
        return Outcome::ok(make_str("<built-in method " + nf->name + " of " + type_name(nf->self) +
                                    " object at " + fake_address(nf->self) + ">"));
    }
    if (t == bound_method_type()) {
        auto* bm = static_cast<BoundMethod*>(o);
        Value qn = lookup_attr(bm->function, "__qualname__");
        if (qn.is_null()) qn = lookup_attr(bm->function, "__name__");
        std::string name = str_of(qn) ? *str_of(qn) : "?";
        Outcome self_repr = repr(bm->self);
        if (!self_repr.ok()) return self_repr;
        return Outcome::ok(make_str("<bound method " + name + " of " + *str_of(self_repr.value) + ">"));
    }
    if (t == not_implemented_type()) return Outcome::ok(make_str("NotImplemented"));
    if (t == ellipsis_type()) return Outcome::ok(make_str("Ellipsis"));
    if (t->name() == "dict_keys" || t->name() == "dict_values" || t->name() == "dict_items") {
        auto* view = static_cast<DictViewObject*>(o);
        if (!repr_enter(o)) return Outcome::ok(make_str("..."));
        std::vector<Value> items;
        for (auto& e : view->dict->entries) {
            if (e.key.is_null()) continue;
            if (view->kind == DictViewKind::Keys) items.push_back(e.key);
            else if (view->kind == DictViewKind::Values) items.push_back(e.value);
            else items.push_back(make_tuple({e.key, e.value}));
        }
        std::string body = join_reprs(items, err);
        repr_leave(o);
        if (!err.ok()) return err;
        return Outcome::ok(make_str(t->name() + "([" + body + "])"));
    }
    if (is_iterator_object(v)) {
        return Outcome::ok(make_str(std::string("<") + iterator_name(*static_cast<IterObject*>(o)) +
                                    " object at " + fake_address(v) + ">"));
    }
    return Outcome::ok(make_str(default_repr(v)));
}

Outcome repr(const Value& v) {
    if (v.is_obj()) {
        Type* t = v.as_obj()->type();
        if (t != str_type() && t != list_type() && t != tuple_type()) {
            Value fn = find_override(t, "__repr__");
            if (!fn.is_null()) return str_result(call_override(fn, v, {}), "__repr__");
        }
    }
    return native_repr(v);
}

Outcome str(const Value& v) {
    switch (v.tag()) {
        case Value::Tag::Obj: break;
        default: return native_repr(v);
    }
    Type* t = v.as_obj()->type();
    if (t == str_type()) return Outcome::ok(v);
    Value fn = find_override(t, "__str__");
    if (!fn.is_null()) return str_result(call_override(fn, v, {}), "__str__");
    if (t->layout() == Layout::Exception) {
        // BaseException.__str__, unless a scenario __repr__ exists: that does not change str.
        return Outcome::ok(make_str(exception_str(*v.obj_as<ExceptionObject>())));
    }
    if (t->layout() == Layout::Str) return Outcome::ok(make_str(*str_of(v)));
    return repr(v);
}

Outcome ascii(const Value& v) {
    Outcome r = repr(v);
    if (!r.ok()) return r;
    const std::string& s = *str_of(r.value);
    if (utf8_is_ascii(s)) return r;
    std::string out;
    for (char32_t c : utf8_decode(s)) {
        if (c < 0x80) out += static_cast<char>(c);
        else if (c < 0x100) append_hex(out, 'x', c, 2);
        else if (c < 0x10000) append_hex(out, 'u', c, 4);
        else append_hex(out, 'U', c, 8);
    }
    return Outcome::ok(make_str(out));
}

namespace {
std::string text_or_exception(const Outcome& r) {
    if (r.ok()) return *str_of(r.value);
    return "<exception " + r.exc->type_name() + ": " + exception_str(*r.exc) + ">";
}
}  // namespace

std::string repr_string(const Value& v) { return text_or_exception(repr(v)); }
std::string str_string(const Value& v) { return text_or_exception(str(v)); }

}  // namespace tl
