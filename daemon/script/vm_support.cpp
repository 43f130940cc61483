// The dispatch loop's less frequent operations: collection building and unpacking,
// raise/except matching (including except*'s split and recombination, ported from
// CPython's exception_group_match and _PyExc_PrepReraiseStar), f-string formatting,
// imports, and the VM-owned builtins print() and super().
#include <unordered_set>

#include "daemon/object/containers.h"
#include "daemon/object/str.h"
#include "daemon/script/vm.h"
#include "daemon/script/vm_internal.h"

namespace tl::script {

namespace {

ExcRef type_error(const std::string& msg) { return make_exception(exc_types().TypeError, msg); }

bool is_exc_type(const Value& v) {
    return v.is_obj() && v.as_obj()->type()->layout() == Layout::Type &&
           v.obj_as<Type>()->is_subtype(exc_types().BaseException);
}
bool is_exc(const Value& v) {
    return v.is_obj() && v.as_obj()->type()->layout() == Layout::Exception;
}
bool is_group(const ExceptionObject* e) { return e->is_instance(exc_types().BaseExceptionGroup); }

}  // namespace

Outcome Vm::collection_add(Op op, Value& target, const Value& item, Value*) {
    switch (op) {
        case Op::LIST_EXTEND: {
            auto& items = target.obj_as<ListObject>()->items;
            if (item.is_obj() && (item.as_obj()->type() == list_type() || item.as_obj()->type() == tuple_type())) {
                const auto& src = item.as_obj()->type() == list_type() ? item.obj_as<ListObject>()->items
                                                                        : item.obj_as<TupleObject>()->items;
                items.insert(items.end(), src.begin(), src.end());
                return Outcome::ok(Value::none());
            }
            Outcome it = tl::iter(item);
            if (!it.ok()) {
                if (it.exc->is_instance(exc_types().TypeError)) {
                    return Outcome::raise(type_error("Value after * must be an iterable, not " + type_name_of(item)));
                }
                return it;
            }
            for (;;) {
                Outcome n = tl::next(it.value);
                if (!n.ok()) return n;
                if (n.value.is_null()) break;
                items.push_back(std::move(n.value));
            }
            return Outcome::ok(Value::none());
        }
        case Op::SET_ADD: case Op::SET_UPDATE: {
            Outcome add = tl::getattr(target, op == Op::SET_ADD ? "add" : "update");
            if (!add.ok()) return add;
            return call(add.value, std::span<const Value>(&item, 1));
        }
        case Op::DICT_UPDATE: case Op::DICT_MERGE: {
            if (!item.is_obj() || item.as_obj()->type() != dict_type()) {
                return Outcome::raise(type_error("'" + type_name_of(item) + "' object is not a mapping"));
            }
            for (auto& [k, v] : dict_items(item)) {
                if (op == Op::DICT_MERGE) {
                    Outcome g = dict_get(target, k);
                    if (!g.ok()) return g;
                    if (!g.value.is_null()) {
                        const std::string* s = str_of(k);
                        return Outcome::raise(type_error("got multiple values for keyword argument '" + (s ? *s : repr_string(k)) + "'"));
                    }
                }
                Outcome o = dict_set(target, k, v);
                if (!o.ok()) return o;
            }
            return Outcome::ok(Value::none());
        }
        default:
            return Outcome::ok(Value::none());
    }
}

Outcome Vm::unpack(const Value& seq, bool starred, uint32_t arg, std::vector<Value>& out) {
    std::vector<Value> items;
    bool sized = false;
    if (seq.is_obj() && (seq.as_obj()->type() == tuple_type() || seq.as_obj()->type() == list_type())) {
        items = seq.as_obj()->type() == tuple_type() ? seq.obj_as<TupleObject>()->items : seq.obj_as<ListObject>()->items;
        sized = true;
    } else {
        Outcome it = tl::iter(seq);
        if (!it.ok()) {
            if (it.exc->is_instance(exc_types().TypeError)) {
                return Outcome::raise(type_error("cannot unpack non-iterable " + type_name_of(seq) + " object"));
            }
            return it;
        }
        for (;;) {
            Outcome n = tl::next(it.value);
            if (!n.ok()) return n;
            if (n.value.is_null()) break;
            items.push_back(std::move(n.value));
        }
    }
    const auto& E = exc_types();
    if (!starred) {
        if (items.size() < arg) {
            return Outcome::raise(make_exception(E.ValueError, "not enough values to unpack (expected " + std::to_string(arg) +
                                                                   ", got " + std::to_string(items.size()) + ")"));
        }
        if (items.size() > arg) {
            std::string msg = "too many values to unpack (expected " + std::to_string(arg);
            // CPython 3.14 adds the length when it is known without iterating.
            if (sized && version() >= rt::PyVersion::V3_14) msg += ", got " + std::to_string(items.size());
            return Outcome::raise(make_exception(E.ValueError, msg + ")"));
        }
        out = std::move(items);
        return Outcome::ok(Value::none());
    }
    size_t before = arg & 0xff, after = arg >> 8;
    if (items.size() < before + after) {
        return Outcome::raise(make_exception(E.ValueError, "not enough values to unpack (expected at least " +
                                                               std::to_string(before + after) + ", got " +
                                                               std::to_string(items.size()) + ")"));
    }
    for (size_t i = 0; i < before; ++i) out.push_back(items[i]);
    out.push_back(make_list(std::vector<Value>(items.begin() + static_cast<long>(before),
                                               items.end() - static_cast<long>(after))));
    for (size_t i = items.size() - after; i < items.size(); ++i) out.push_back(items[i]);
    return Outcome::ok(Value::none());
}

// ---- raising and matching --------------------------------------------------------------

Outcome Vm::check_exc_match(const Value& exc, const Value& type) {
    // The common clause, one exception class whose metaclass is `type`:
    // PyErr_GivenExceptionMatches is PyType_IsSubtype(type(exc), cls), no __instancecheck__.
    if (exc.is_obj() && type.is_obj() && type.as_obj()->type() == type_type() && is_exc_type(type)) {
        return Outcome::ok(Value::boolean(exc.as_obj()->type()->is_subtype(type.obj_as<Type>())));
    }
    auto ok_type = [](const Value& t) { return is_exc_type(t); };
    bool valid = ok_type(type);
    if (!valid && type.is_obj() && type.as_obj()->type() == tuple_type()) {
        valid = true;
        for (auto& t : type.obj_as<TupleObject>()->items) valid = valid && ok_type(t);
    }
    if (!valid) return Outcome::raise(type_error("catching classes that do not inherit from BaseException is not allowed"));
    return tl::isinstance(exc, type);
}

// exception_group_match (ceval.c): what an except* clause takes out of the group.
Outcome Vm::eg_match(const Value& eg, const Value& type) {
    const auto& E = exc_types();
    // Nothing left to match (an earlier clause took it all): no match, no rest.
    if (!is_exc(eg)) return Outcome::ok(make_tuple({Value::none(), Value::none()}));
    auto is_group_type = [&](const Value& t) {
        return is_exc_type(t) && t.obj_as<Type>()->is_subtype(E.BaseExceptionGroup);
    };
    bool bad = is_group_type(type);
    if (type.is_obj() && type.as_obj()->type() == tuple_type()) {
        for (auto& t : type.obj_as<TupleObject>()->items) bad = bad || is_group_type(t);
    }
    if (bad) return Outcome::raise(type_error("catching ExceptionGroup with except* is not allowed. Use except instead."));
    Outcome m = tl::isinstance(eg, type);
    if (!m.ok()) return m;
    auto* e = eg.obj_as<ExceptionObject>();
    if (m.value.as_bool()) {
        if (is_group(e)) return Outcome::ok(make_tuple({eg, Value::none()}));
        // A naked exception is wrapped in a group for the clause: ExceptionGroup("", (exc,)).
        Value gargs[2] = {make_str(""), make_tuple({eg})};
        Outcome w = tl::construct(exc_types().ExceptionGroup, std::span<const Value>(gargs, 2));
        if (!w.ok()) return w;
        w.value.obj_as<ExceptionObject>()->traceback = e->traceback;
        return Outcome::ok(make_tuple({w.value, Value::none()}));
    }
    if (is_group(e)) return exception_group_split(eg, type);
    return Outcome::ok(make_tuple({Value::none(), eg}));
}

namespace {

void collect_leaves(const ExceptionObject* e, std::unordered_set<const ExceptionObject*>& out) {
    if (e->is_instance(exc_types().BaseExceptionGroup)) {
        for (auto& m : e->group_members) collect_leaves(m.get(), out);
    } else {
        out.insert(e);
    }
}

// The matcher for splitting out the re-raised leaves: self is a list of the leaves.
Outcome leaf_in(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    if (args.empty()) return Outcome::ok(Value::boolean(false));
    for (auto& v : self.obj_as<ListObject>()->items) {
        if (v.is(args[0])) return Outcome::ok(Value::boolean(true));
    }
    return Outcome::ok(Value::boolean(false));
}

bool same_metadata(const ExceptionObject* a, const ExceptionObject* b) {
    return a->cause.get() == b->cause.get() && a->context.get() == b->context.get() &&
           a->traceback.size() == b->traceback.size();
}

}  // namespace

// _PyExc_PrepReraiseStar: what leaves a try/except* statement — the unhandled rest and
// whatever the clauses re-raised (kept in the original group's shape), plus what they
// raised anew, combined in one group.
Outcome Vm::prep_reraise_star(const Value& orig_v, const Value& raised_v) {
    auto& excs = raised_v.obj_as<ListObject>()->items;
    auto* orig = orig_v.obj_as<ExceptionObject>();
    if (!is_group(orig)) {
        for (auto& e : excs) if (!e.is_none()) return Outcome::ok(e);
        return Outcome::ok(Value::none());
    }
    std::vector<ExcRef> raised;
    std::unordered_set<const ExceptionObject*> leaves;
    for (auto& e : excs) {
        if (e.is_none() || !is_exc(e)) continue;
        auto* x = e.obj_as<ExceptionObject>();
        if (same_metadata(x, orig) && (is_group(x) || x == orig)) collect_leaves(x, leaves);
        else raised.emplace_back(x);
    }
    Value reraised = Value::none();
    if (!leaves.empty()) {
        std::vector<Value> lv;
        for (auto* l : leaves) lv.emplace_back(const_cast<ExceptionObject*>(l));
        Value matcher(new NativeFunction("leaf_in", &leaf_in, make_list(std::move(lv))));
        Outcome split = exception_group_split(orig_v, matcher);
        if (!split.ok()) return split;
        reraised = split.value.obj_as<TupleObject>()->items[0];
    }
    if (raised.empty()) return Outcome::ok(reraised);
    if (!reraised.is_none()) raised.emplace_back(reraised.obj_as<ExceptionObject>());
    if (raised.size() == 1) return Outcome::ok(Value(raised[0]));
    return Outcome::ok(Value(make_exception_group("", std::move(raised))));
}

Outcome Vm::make_raise(uint32_t argc, Value*& sp, Frame*, ExcRef& out) {
    if (argc == 0) {
        ExcRef e = topmost_exception();
        if (!e) return Outcome::raise(make_exception(exc_types().RuntimeError, "No active exception to reraise"));
        out = std::move(e);
        return Outcome::ok(Value::none());
    }
    Value cause;
    if (argc == 2) cause = std::move(*--sp);
    Value exc = std::move(*--sp);
    auto instantiate = [&](const Value& v, Value& into) -> Outcome {
        if (is_exc_type(v)) {
            Outcome o = call(v, {});
            if (!o.ok()) return o;
            if (!is_exc(o.value)) {
                return Outcome::raise(type_error("calling " + repr_string(v) + " should have returned an instance of BaseException, not " + type_name_of(o.value)));
            }
            into = std::move(o.value);
            return Outcome::ok(Value::none());
        }
        into = v;
        return Outcome::ok(Value::none());
    };
    Value e;
    Outcome o = instantiate(exc, e);
    if (!o.ok()) return o;
    if (!is_exc(e)) return Outcome::raise(type_error("exceptions must derive from BaseException"));
    ExcRef ex(e.obj_as<ExceptionObject>());
    if (argc == 2) {
        if (cause.is_none()) {
            ex->cause = nullptr;
        } else {
            Value c;
            Outcome co = instantiate(cause, c);
            if (!co.ok()) return co;
            if (!is_exc(c)) return Outcome::raise(type_error("exception causes must derive from BaseException"));
            ex->cause = ExcRef(c.obj_as<ExceptionObject>());
        }
        ex->suppress_context = true;
    }
    out = std::move(ex);
    return Outcome::ok(Value::none());
}

// ---- f-strings ------------------------------------------------------------------------------

std::string ascii_of(const std::string& s) {
    // repr() text with every non-ASCII code point escaped (\xhh, \uhhhh, \Uhhhhhhhh).
    std::string out;
    for (size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        uint32_t cp = 0;
        int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
        cp = c & (0xff >> (len + 1));
        for (int k = 1; k < len && i + static_cast<size_t>(k) < s.size(); ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3f);
        }
        i += static_cast<size_t>(len);
        char buf[16];
        if (cp <= 0xff) std::snprintf(buf, sizeof buf, "\\x%02x", cp);
        else if (cp <= 0xffff) std::snprintf(buf, sizeof buf, "\\u%04x", cp);
        else std::snprintf(buf, sizeof buf, "\\U%08x", cp);
        out += buf;
    }
    return out;
}

Outcome Vm::format_value(Value v, uint32_t flags, const Value* spec) {
    switch (flags & 3) {
        case 1: {
            Outcome o = tl::str(v);
            if (!o.ok()) return o;
            v = std::move(o.value);
            break;
        }
        case 2: case 3: {
            Outcome o = tl::repr(v);
            if (!o.ok()) return o;
            v = (flags & 3) == 3 ? make_str(ascii_of(*str_of(o.value))) : std::move(o.value);
            break;
        }
        default: break;
    }
    std::string_view sp;
    if (spec) sp = *str_of(*spec);
    if (sp.empty() && v.is_obj() && v.as_obj()->type() == str_type()) return Outcome::ok(std::move(v));
    return tl::format(v, sp);
}

// ---- imports --------------------------------------------------------------------------------

Value make_asyncio_module(Vm& vm);
Value make_sys_module(Vm& vm);
Value make_time_module(Vm& vm);
Value make_random_module(Vm& vm);
Value make_future_module(Vm& vm);

Outcome Vm::import_module(const std::string& name) {
    auto it = modules_.find(name);
    if (it != modules_.end()) return Outcome::ok(it->second);
    Value m;
    if (name == "asyncio") m = make_asyncio_module(*this);
    else if (name == "sys") m = make_sys_module(*this);
    else if (name == "time") m = make_time_module(*this);
    else if (name == "random") m = make_random_module(*this);
    else if (name == "__future__") m = make_future_module(*this);
    if (m.is_null()) {
        return Outcome::raise(make_exception(exc_types().ModuleNotFoundError,
                                             "module '" + name + "' is not available in tasklens scenarios"));
    }
    modules_[name] = m;
    return Outcome::ok(m);
}

Outcome Vm::import_from(const Value& module, const std::string& name) {
    auto* m = module.obj_as<ModuleObject>();
    auto it = m->attrs.find(name);
    if (it != m->attrs.end()) return Outcome::ok(it->second);
    if (m->name == "__future__") return Outcome::ok(Value::none());
    return Outcome::raise(make_exception(exc_types().ImportError, "cannot import name '" + name + "' from '" + m->name +
                                                                      "' (not available in tasklens scenarios)"));
}

// ---- print and super ----------------------------------------------------------------------------

namespace {

Outcome print_fn(const Value&, std::span<const Value> args, std::span<const KwArg> kwargs) {
    Vm* vm = Vm::current();
    std::string sep = " ", end = "\n";
    bool to_err = false;
    for (auto& kw : kwargs) {
        if (kw.name == "sep" || kw.name == "end") {
            std::string& dst = kw.name == "sep" ? sep : end;
            if (kw.value.is_none()) continue;
            const std::string* s = str_of(kw.value);
            if (!s) return Outcome::raise(type_error(std::string(kw.name) + " must be None or a string, not " + type_name_of(kw.value)));
            dst = *s;
        } else if (kw.name == "file") {
            if (kw.value.is_none()) continue;
            auto sys = vm->modules().find("sys");
            if (sys != vm->modules().end()) {
                auto& attrs = sys->second.obj_as<ModuleObject>()->attrs;
                auto e = attrs.find("stderr");
                if (e != attrs.end() && e->second.is(kw.value)) to_err = true;
            }
        } else if (kw.name != "flush") {
            return Outcome::raise(type_error("'" + std::string(kw.name) + "' is an invalid keyword argument for print()"));
        }
    }
    std::string text;
    for (size_t i = 0; i < args.size(); ++i) {
        if (i) text += sep;
        Outcome s = tl::str(args[i]);
        if (!s.ok()) return s;
        text += *str_of(s.value);
    }
    text += end;
    if (vm && vm->sink()) {
        if (to_err) vm->sink()->write_err(text);
        else vm->sink()->write_out(text);
    }
    return Outcome::ok(Value::none());
}

Outcome super_fn(const Value&, std::span<const Value>, std::span<const KwArg>) {
    // Reached only through paths the VM does not special-case.
    return Outcome::raise(make_exception(exc_types().RuntimeError, "super(): no arguments"));
}

}  // namespace

// See asyncio_module.cpp: GCC 12's -Wnonnull false positive on NativeFunction's
// defaulted argument.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnonnull"
#pragma GCC diagnostic ignored "-Warray-bounds"
Value print_builtin() {
    static Value v = [] {
        auto* f = new NativeFunction("print", &print_fn);
        f->make_immortal();
        return Value(f);
    }();
    return v;
}

Value super_builtin() {
    static Value v = [] {
        auto* f = new NativeFunction("super", &super_fn);
        f->make_immortal();
        return Value(f);
    }();
    return v;
}
#pragma GCC diagnostic pop

}  // namespace tl::script
