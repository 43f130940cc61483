// Exceptions as Python objects (Objects/exceptions.c): str/repr (BaseException_str and
// _repr, KeyError_str, BaseExceptionGroup_str, OSError's "[Errno N] msg"), construction
// with BaseExceptionGroup.__new__'s checks, the attributes (args, __cause__, __context__,
// __notes__, …) and ExceptionGroup.split/subgroup/derive (exceptiongroup_split_recursive).
#include "daemon/object/ops_support.h"

namespace tl {

namespace {

Value args_tuple(const ExceptionObject& e) { return make_tuple(e.args); }

bool is_group(const ExceptionObject& e) { return e.is_instance(exc_types().BaseExceptionGroup); }

std::string native_exception_str(const ExceptionObject& e) {
    const auto& et = exc_types();
    if (is_group(e)) {
        size_t n = e.group_members.size();
        std::string msg = str_of(e.group_message) ? *str_of(e.group_message) : str_string(e.group_message);
        return msg + " (" + std::to_string(n) + " sub-exception" + (n == 1 ? "" : "s") + ")";
    }
    if (e.is_instance(et.KeyError) && e.args.size() == 1) return repr_string(e.args[0]);
    if (e.is_instance(et.OSError) && e.args.size() == 2) {
        return "[Errno " + str_string(e.args[0]) + "] " + str_string(e.args[1]);
    }
    if (e.args.empty()) return "";
    if (e.args.size() == 1) return str_string(e.args[0]);
    return repr_string(args_tuple(e));
}

Value self_value(const ExceptionObject& e) { return Value(const_cast<ExceptionObject*>(&e)); }

}  // namespace

std::string exception_display(const ExceptionObject& e) {
    // BaseException_repr: Name(arg) for one argument, Name(args…) otherwise.
    const std::string& name = e.type()->name();
    if (e.args.size() == 1) return name + "(" + repr_string(e.args[0]) + ")";
    return name + repr_string(args_tuple(e));
}

std::string exception_str(const ExceptionObject& e) {
    if (!find_override(e.type(), "__str__").is_null()) return str_string(self_value(e));
    return native_exception_str(e);
}

std::string exception_repr(const ExceptionObject& e) {
    if (!find_override(e.type(), "__repr__").is_null()) return repr_string(self_value(e));
    return exception_display(e);
}

Outcome construct_exception(Type* type, std::span<const Value> args) {
    const auto& et = exc_types();
    if (!type->is_subtype(et.BaseException)) return type_error("exceptions must derive from BaseException");
    if (!type->is_subtype(et.BaseExceptionGroup)) {
        return Outcome::ok(Value(make_exception(type, std::vector<Value>(args.begin(), args.end()))));
    }
    // BaseExceptionGroup.__new__
    if (args.size() != 2) {
        return type_error("BaseExceptionGroup.__new__() takes exactly 2 arguments (" + std::to_string(args.size()) + " given)");
    }
    if (!str_of(args[0])) {
        return type_error("BaseExceptionGroup.__new__() argument 1 must be str, not " + type_name(args[0]));
    }
    const Value& excs = args[1];
    std::vector<Value> items;
    Layout l = type_of(excs)->layout();
    if (l == Layout::List) items = excs.obj_as<ListObject>()->items;
    else if (l == Layout::Tuple) items = excs.obj_as<TupleObject>()->items;
    else {
        Outcome r = collect(excs, items);
        if (!r.ok()) return type_error("second argument (exceptions) must be a sequence");
    }
    if (items.empty()) return value_error("second argument (exceptions) must be a non-empty sequence");
    bool nested_base = false;
    std::vector<ExcRef> members;
    for (size_t i = 0; i < items.size(); ++i) {
        if (!items[i].is_obj() || items[i].as_obj()->type()->layout() != Layout::Exception) {
            return value_error("Item " + std::to_string(i) + " of second argument (exceptions) is not an exception");
        }
        auto* m = items[i].obj_as<ExceptionObject>();
        if (!m->is_instance(et.Exception)) nested_base = true;
        members.emplace_back(m);
    }
    Type* cls = type;
    if (cls == et.BaseExceptionGroup) {
        if (!nested_base) cls = et.ExceptionGroup;
    } else if (cls == et.ExceptionGroup) {
        if (nested_base) return type_error("Cannot nest BaseExceptions in an ExceptionGroup");
    } else if (nested_base && cls->is_subtype(et.Exception)) {
        return type_error("Cannot nest BaseExceptions in '" + cls->name() + "'");
    }
    auto ex = make_exception(cls, std::vector<Value>(args.begin(), args.end()));
    ex->group_message = args[0];
    ex->group_members = std::move(members);
    return Outcome::ok(Value(ex));
}

// ---- attributes --------------------------------------------------------------------

// The data descriptors of exceptions: true + result when `name` is one.
bool exception_getattr(const ExceptionObject& e, std::string_view name, Outcome& out) {
    const auto& et = exc_types();
    if (name == "args") { out = Outcome::ok(args_tuple(e)); return true; }
    if (name == "__cause__") { out = Outcome::ok(e.cause ? Value(e.cause) : Value::none()); return true; }
    if (name == "__context__") { out = Outcome::ok(e.context ? Value(e.context) : Value::none()); return true; }
    if (name == "__suppress_context__") { out = Outcome::ok(Value::boolean(e.suppress_context)); return true; }
    if (name == "__traceback__") { out = Outcome::ok(Value::none()); return true; }
    if (name == "__notes__") {
        if (e.notes.empty()) return false;
        out = Outcome::ok(make_list(e.notes));
        return true;
    }
    if (is_group(e)) {
        if (name == "message") { out = Outcome::ok(e.group_message); return true; }
        if (name == "exceptions") {
            std::vector<Value> items;
            for (auto& m : e.group_members) items.emplace_back(m);
            out = Outcome::ok(make_tuple(std::move(items)));
            return true;
        }
    }
    if (e.is_instance(et.StopIteration) && name == "value") {
        out = Outcome::ok(e.args.empty() ? Value::none() : e.args[0]);
        return true;
    }
    if (e.is_instance(et.SystemExit) && name == "code") {
        out = Outcome::ok(e.args.empty() ? Value::none() : e.args.size() == 1 ? e.args[0] : args_tuple(e));
        return true;
    }
    if (e.is_instance(et.OSError) && (name == "errno" || name == "strerror")) {
        size_t i = name == "errno" ? 0 : 1;
        out = Outcome::ok(e.args.size() >= 2 ? e.args[i] : Value::none());
        return true;
    }
    return false;
}

// Setting a data descriptor: true when `name` is one (out holds the error, if any).
bool exception_setattr(ExceptionObject& e, std::string_view name, const Value& v, Outcome& out) {
    auto as_exc = [](const Value& x) -> ExceptionObject* {
        if (x.is_obj() && x.as_obj()->type()->layout() == Layout::Exception) return x.obj_as<ExceptionObject>();
        return nullptr;
    };
    out = ok_none();
    if (name == "args") {
        std::vector<Value> items;
        Outcome r = collect(v, items);
        if (!r.ok()) { out = r; return true; }
        e.args = std::move(items);
        return true;
    }
    if (name == "__cause__") {
        if (v.is_none()) e.cause = nullptr;
        else if (ExceptionObject* c = as_exc(v)) e.cause = ExcRef(c);
        else { out = type_error("exception cause must be None or derive from BaseException"); return true; }
        e.suppress_context = true;
        return true;
    }
    if (name == "__context__") {
        if (v.is_none()) e.context = nullptr;
        else if (ExceptionObject* c = as_exc(v)) e.context = ExcRef(c);
        else out = type_error("exception context must be None or derive from BaseException");
        return true;
    }
    if (name == "__suppress_context__") {
        Outcome t = truthy(v);
        if (!t.ok()) { out = t; return true; }
        e.suppress_context = t.value.as_bool();
        return true;
    }
    if (name == "__traceback__") {
        if (!v.is_none()) out = type_error("__traceback__ must be a traceback or None");
        else e.traceback.clear();
        return true;
    }
    if (name == "__notes__") {
        std::vector<Value> items;
        Outcome r = collect(v, items);
        if (!r.ok()) { out = r; return true; }
        e.notes = std::move(items);
        return true;
    }
    return false;
}

// ---- split / subgroup ------------------------------------------------------------------

namespace {

enum class MatcherKind { Type, Predicate };

bool is_callable_value(const Value& v) {
    if (!v.is_obj()) return false;
    Type* t = v.as_obj()->type();
    if (t == native_function_type() || t == bound_method_type() || binds_as_method(t)) return true;
    if (t->layout() == Layout::Function) return true;
    return !find_override(t, "__call__").is_null();
}

bool matcher_kind(const Value& m, MatcherKind& kind, Outcome& err) {
    auto is_exc_class = [](const Value& v) {
        return v.is_obj() && v.as_obj()->type()->layout() == Layout::Type &&
               static_cast<Type*>(v.as_obj())->is_subtype(exc_types().BaseException);
    };
    if (is_callable_value(m) && !(m.is_obj() && m.as_obj()->type()->layout() == Layout::Type)) {
        kind = MatcherKind::Predicate;
        return true;
    }
    if (is_exc_class(m)) { kind = MatcherKind::Type; return true; }
    if (m.is_obj() && m.as_obj()->type() == tuple_type()) {
        bool all = true;
        for (auto& item : m.obj_as<TupleObject>()->items) all = all && is_exc_class(item);
        if (all) { kind = MatcherKind::Type; return true; }
    }
    err = type_error("expected an exception type, a tuple of exception types, or a callable (other than a class)");
    return false;
}

bool matches(const Value& exc, MatcherKind kind, const Value& matcher, bool& result, Outcome& err) {
    Outcome r = kind == MatcherKind::Type ? isinstance(exc, matcher) : call_value(matcher, std::span<const Value>(&exc, 1));
    if (!r.ok()) { err = r; return false; }
    Outcome t = truthy(r.value);
    if (!t.ok()) { err = t; return false; }
    result = t.value.as_bool();
    return true;
}

Outcome derive(const Value& group, std::vector<Value> excs) {
    Value list = make_list(std::move(excs));
    Value fn = find_override(group.as_obj()->type(), "derive");
    if (!fn.is_null()) return call_override(fn, group, std::span<const Value>(&list, 1));
    Value args[2] = {group.obj_as<ExceptionObject>()->group_message, list};
    return construct_exception(exc_types().BaseExceptionGroup, args);
}

// exceptiongroup_subset: derive a group of `excs` carrying orig's context, cause, notes.
Outcome subset(const Value& orig, std::vector<Value> excs) {
    if (excs.empty()) return ok_none();
    Outcome d = derive(orig, std::move(excs));
    if (!d.ok()) return d;
    if (!d.value.is_obj() || d.value.as_obj()->type()->layout() != Layout::Exception ||
        !d.value.obj_as<ExceptionObject>()->is_instance(exc_types().BaseExceptionGroup)) {
        return type_error("derive must return an instance of BaseExceptionGroup");
    }
    auto* src = orig.obj_as<ExceptionObject>();
    auto* eg = d.value.obj_as<ExceptionObject>();
    eg->context = src->context;
    eg->cause = src->cause;
    eg->traceback = src->traceback;
    eg->notes = src->notes;
    return d;
}

struct SplitResult {
    Value match;
    Value rest;
};

bool split_recursive(const Value& exc, MatcherKind kind, const Value& matcher, bool construct_rest,
                     SplitResult& out, Outcome& err) {
    bool is_match = false;
    if (!matches(exc, kind, matcher, is_match, err)) return false;
    if (is_match) {
        out.match = exc;
        return true;
    }
    auto* e = exc.obj_as<ExceptionObject>();
    if (!is_group(*e)) {
        if (construct_rest) out.rest = exc;
        return true;
    }
    std::vector<Value> match_list, rest_list;
    std::vector<ExcRef> members = e->group_members;
    for (auto& m : members) {
        SplitResult r;
        if (!split_recursive(Value(m), kind, matcher, construct_rest, r, err)) return false;
        if (!r.match.is_null()) match_list.push_back(r.match);
        if (!r.rest.is_null()) rest_list.push_back(r.rest);
    }
    Outcome m = subset(exc, std::move(match_list));
    if (!m.ok()) { err = m; return false; }
    if (!m.value.is_none()) out.match = m.value;
    if (construct_rest) {
        Outcome r = subset(exc, std::move(rest_list));
        if (!r.ok()) { err = r; return false; }
        if (!r.value.is_none()) out.rest = r.value;
    }
    return true;
}

}  // namespace

Outcome exception_group_split(const Value& group, const Value& matcher) {
    MatcherKind kind;
    Outcome err;
    if (!matcher_kind(matcher, kind, err)) return err;
    SplitResult r;
    if (!split_recursive(group, kind, matcher, true, r, err)) return err;
    return Outcome::ok(make_tuple({r.match.is_null() ? Value::none() : r.match, r.rest.is_null() ? Value::none() : r.rest}));
}

Outcome exception_group_subgroup(const Value& group, const Value& matcher) {
    MatcherKind kind;
    Outcome err;
    if (!matcher_kind(matcher, kind, err)) return err;
    SplitResult r;
    if (!split_recursive(group, kind, matcher, false, r, err)) return err;
    return Outcome::ok(r.match.is_null() ? Value::none() : r.match);
}

// ---- methods -------------------------------------------------------------------------

namespace {

ExceptionObject* exc_self(const Value& self) { return self.obj_as<ExceptionObject>(); }

Outcome m_add_note(const Value& self, Args args, Kwargs kwargs) {
    Outcome err;
    if (!check_no_kwargs("add_note", kwargs, err) || !check_arity("add_note", args, 1, 1, err)) return err;
    if (!str_of(args[0])) return type_error("note must be a str, not '" + type_name(args[0]) + "'");
    exc_self(self)->notes.push_back(args[0]);
    return ok_none();
}

Outcome m_with_traceback(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("with_traceback", args, 1, 1, err)) return err;
    return Outcome::ok(self);
}

Outcome m_exc_init(const Value& self, Args args, Kwargs kwargs) {
    if (!kwargs.empty()) return type_error(type_name(self) + "() takes no keyword arguments");
    auto* e = exc_self(self);
    e->args.assign(args.begin(), args.end());
    return ok_none();
}

Outcome m_exc_str(const Value& self, Args, Kwargs) { return Outcome::ok(make_str(native_exception_str(*exc_self(self)))); }
Outcome m_exc_repr(const Value& self, Args, Kwargs) { return Outcome::ok(make_str(exception_display(*exc_self(self)))); }

Outcome m_split(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("split", args, 1, 1, err)) return err;
    return exception_group_split(self, args[0]);
}
Outcome m_subgroup(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("subgroup", args, 1, 1, err)) return err;
    return exception_group_subgroup(self, args[0]);
}
Outcome m_derive(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("derive", args, 1, 1, err)) return err;
    Value pair[2] = {exc_self(self)->group_message, args[0]};
    return construct_exception(exc_types().BaseExceptionGroup, pair);
}

}  // namespace

void install_exception_methods() {
    const auto& et = exc_types();
    add_method<m_add_note>(et.BaseException, "add_note");
    add_method<m_with_traceback>(et.BaseException, "with_traceback");
    add_method<m_exc_init>(et.BaseException, "__init__");
    add_method<m_exc_str>(et.BaseException, "__str__");
    add_method<m_exc_repr>(et.BaseException, "__repr__");
    add_method<m_split>(et.BaseExceptionGroup, "split");
    add_method<m_subgroup>(et.BaseExceptionGroup, "subgroup");
    add_method<m_derive>(et.BaseExceptionGroup, "derive");
}

}  // namespace tl
