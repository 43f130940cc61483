// Calls: argument binding with CPython's rules and messages, the call paths of the
// dispatch loop (push a frame for Python functions, call natives directly), class
// instantiation and creation, zero-argument super(), and attribute/method lookup with
// the VM's own object types in front of ops.h.
#include <algorithm>

#include "daemon/object/containers.h"
#include "daemon/object/str.h"
#include "daemon/runtime/future.h"
#include "daemon/script/vm.h"
#include "daemon/script/vm_internal.h"

namespace tl::script {

namespace {

// A scenario-defined, non-exception class (instances are InstanceObject).
bool is_plain_class(const Type* t) { return t->layout() == Layout::Object && t != object_type(); }

std::string join_names(const std::vector<std::string>& names) {
    // 'a' / 'a' and 'b' / 'a', 'b', and 'c'
    std::string s;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i > 0) {
            if (names.size() == 2) s += " and ";
            else if (i + 1 == names.size()) s += ", and ";
            else s += ", ";
        }
        s += "'" + names[i] + "'";
    }
    return s;
}

ExcRef type_error(const std::string& msg) { return make_exception(exc_types().TypeError, msg); }

// object.__setattr__ and friends are builtin methods: only a class's own override counts.
bool is_builtin_method_or_null(const Value& v) { return v.is_null() || is_builtin_method(v); }

}  // namespace

// ---- argument binding ------------------------------------------------------------------------

Frame* Vm::make_frame_fast(FunctionObject* fn, Value* args, size_t n, ExcRef& err) {
    CodeObject* c = fn->code.get();
    size_t npos = static_cast<size_t>(c->arg_count);
    if ((c->flags & (kFlagVarargs | kFlagVarkw)) || c->kwonly_count || n > npos || n + fn->defaults.size() < npos) {
        return make_frame(fn, std::span<const Value>(args, n), {}, err);
    }
    Frame* f = Frame::create(c, Ref<FunctionObject>(fn), fn->globals);
    for (size_t i = 0; i < n; ++i) f->fast[i] = std::move(args[i]);
    size_t first_default = npos - fn->defaults.size();
    for (size_t i = n; i < npos; ++i) f->fast[i] = fn->defaults[i - first_default];
    size_t ncell = c->cellvars.size();
    for (size_t i = 0; i < ncell; ++i) {
        int slot = c->cell_param_slot[i];
        f->cells[i] = CellRef(new CellObject(slot >= 0 ? f->fast[slot] : Value()));
    }
    for (size_t i = 0; i < c->freevars.size(); ++i) f->cells[ncell + i] = fn->closure[i];
    return f;
}

Frame* Vm::make_frame(FunctionObject* fn, std::span<const Value> args, std::span<const KwArg> kwargs, ExcRef& err) {
    CodeObject* c = fn->code.get();
    const std::string& qn = fn->qualname;
    size_t npos = static_cast<size_t>(c->arg_count);
    size_t nkwonly = static_cast<size_t>(c->kwonly_count);
    bool varargs = c->flags & kFlagVarargs;
    bool varkw = c->flags & kFlagVarkw;
    size_t vararg_slot = npos + nkwonly;
    size_t varkw_slot = vararg_slot + (varargs ? 1 : 0);
    Frame* f = Frame::create(c, Ref<FunctionObject>(fn), fn->globals);
    auto fail = [&](ExcRef e) {
        Frame::destroy(f);
        err = std::move(e);
        return nullptr;
    };
    size_t take = std::min(args.size(), npos);
    for (size_t i = 0; i < take; ++i) f->fast[i] = args[i];
    if (args.size() > npos) {
        if (!varargs) {
            size_t ndef = fn->defaults.size();
            std::string takes = ndef ? "from " + std::to_string(npos - ndef) + " to " + std::to_string(npos)
                                     : std::to_string(npos);
            std::string plural = (ndef == 0 && npos == 1) ? "" : "s";
            std::string given = std::to_string(args.size()) + (args.size() == 1 ? " was" : " were");
            return fail(type_error(qn + "() takes " + takes + " positional argument" + plural + " but " + given + " given"));
        }
        f->fast[vararg_slot] = make_tuple(std::vector<Value>(args.begin() + static_cast<long>(npos), args.end()));
    } else if (varargs) {
        f->fast[vararg_slot] = make_tuple({});
    }
    Value kwdict;
    if (varkw) {
        kwdict = make_dict();
        f->fast[varkw_slot] = kwdict;
    }
    for (auto& kw : kwargs) {
        size_t idx = SIZE_MAX;
        for (size_t i = static_cast<size_t>(c->posonly_count); i < npos + nkwonly; ++i) {
            if (c->varnames[i] == kw.name) {
                idx = i;
                break;
            }
        }
        if (idx != SIZE_MAX) {
            if (!f->fast[idx].is_null()) {
                return fail(type_error(qn + "() got multiple values for argument '" + std::string(kw.name) + "'"));
            }
            f->fast[idx] = kw.value;
            continue;
        }
        if (varkw) {
            Outcome o = dict_set(kwdict, make_str(std::string(kw.name)), kw.value);
            if (!o.ok()) return fail(std::move(o.exc));
            continue;
        }
        for (int i = 0; i < c->posonly_count; ++i) {
            if (c->varnames[static_cast<size_t>(i)] == kw.name) {
                return fail(type_error(qn + "() got some positional-only arguments passed as keyword arguments: '" +
                                       std::string(kw.name) + "'"));
            }
        }
        return fail(type_error(qn + "() got an unexpected keyword argument '" + std::string(kw.name) + "'"));
    }
    size_t first_default = npos - fn->defaults.size();
    std::vector<std::string> missing;
    for (size_t i = 0; i < npos; ++i) {
        if (!f->fast[i].is_null()) continue;
        if (i >= first_default) f->fast[i] = fn->defaults[i - first_default];
        else missing.push_back(c->varnames[i]);
    }
    if (!missing.empty()) {
        return fail(type_error(qn + "() missing " + std::to_string(missing.size()) + " required positional argument" +
                               (missing.size() == 1 ? "" : "s") + ": " + join_names(missing)));
    }
    for (size_t i = npos; i < npos + nkwonly; ++i) {
        if (!f->fast[i].is_null()) continue;
        bool found = false;
        for (auto& [k, v] : fn->kwdefaults) {
            if (k == c->varnames[i]) {
                f->fast[i] = v;
                found = true;
                break;
            }
        }
        if (!found) missing.push_back(c->varnames[i]);
    }
    if (!missing.empty()) {
        return fail(type_error(qn + "() missing " + std::to_string(missing.size()) + " required keyword-only argument" +
                               (missing.size() == 1 ? "" : "s") + ": " + join_names(missing)));
    }
    size_t ncell = c->cellvars.size();
    for (size_t i = 0; i < ncell; ++i) {
        int slot = c->cell_param_slot[i];
        f->cells[i] = CellRef(new CellObject(slot >= 0 ? f->fast[slot] : Value()));
    }
    for (size_t i = 0; i < c->freevars.size(); ++i) f->cells[ncell + i] = fn->closure[i];
    return f;
}

// ---- calling ---------------------------------------------------------------------------------

Outcome Vm::call_function(FunctionObject* fn, std::span<const Value> args, std::span<const KwArg> kwargs) {
    ExcRef err;
    Frame* f = make_frame(fn, args, kwargs, err);
    if (!f) return Outcome::raise(std::move(err));
    if (fn->code->flags & (kFlagGenerator | kFlagCoroutine)) return Outcome::ok(wrap_gen(f));
    return run_frame_nested(f);
}

Outcome Vm::call(const Value& callable, std::span<const Value> args, std::span<const KwArg> kwargs) {
    if (!callable.is_obj()) return Outcome::raise(type_error("'" + type_name_of(callable) + "' object is not callable"));
    Object* o = callable.as_obj();
    Type* t = o->type();
    if (t == function_type()) return call_function(static_cast<FunctionObject*>(o), args, kwargs);
    if (t == native_function_type()) {
        auto* nf = static_cast<NativeFunction*>(o);
        if (callable.is(super_builtin())) return make_super(current_, args);
        return nf->fn(nf->self, args, kwargs);
    }
    if (t == bound_method_type()) {
        auto* bm = static_cast<BoundMethod*>(o);
        std::vector<Value> full;
        full.reserve(args.size() + 1);
        full.push_back(bm->self);
        full.insert(full.end(), args.begin(), args.end());
        return call(bm->function, full, kwargs);
    }
    if (t->layout() == Layout::Type || t == type_type()) return call_type(static_cast<Type*>(o), args, kwargs);
    Value dunder = t->lookup("__call__");
    if (dunder.is_obj() && dunder.as_obj()->type() == function_type()) {
        std::vector<Value> full;
        full.push_back(callable);
        full.insert(full.end(), args.begin(), args.end());
        return call(dunder, full, kwargs);
    }
    return tl::default_call_hook(callable, args, kwargs);
}

Outcome Vm::call_type(Type* t, std::span<const Value> args, std::span<const KwArg> kwargs) {
    auto ctor = constructors_.find(t);
    if (ctor != constructors_.end()) return call(ctor->second, args, kwargs);
    const auto& E = exc_types();
    if (t == type_type() && args.size() == 1 && kwargs.empty()) return Outcome::ok(Value(type_of(args[0])));
    Value init = t->lookup("__init__");
    bool py_init = init.is_obj() && init.as_obj()->type() == function_type();
    if (t->is_subtype(E.BaseException)) {
        if (!py_init && !kwargs.empty()) return Outcome::raise(type_error(t->name() + "() takes no keyword arguments"));
        Outcome o = py_init ? tl::construct(t, args) : tl::construct(t, args, kwargs);
        if (!o.ok() || !py_init) return o;
        std::vector<Value> full{o.value};
        full.insert(full.end(), args.begin(), args.end());
        Outcome r = call(init, full, kwargs);
        if (!r.ok()) return r;
        if (!r.value.is_none()) return Outcome::raise(type_error("__init__() should return None, not '" + type_name_of(r.value) + "'"));
        return o;
    }
    if (is_plain_class(t)) {
        Value inst(new InstanceObject(t));
        if (!py_init) {
            if (!args.empty() || !kwargs.empty()) return Outcome::raise(type_error(t->name() + "() takes no arguments"));
            return Outcome::ok(inst);
        }
        std::vector<Value> full{inst};
        full.insert(full.end(), args.begin(), args.end());
        Outcome r = call(init, full, kwargs);
        if (!r.ok()) return r;
        if (!r.value.is_none()) return Outcome::raise(type_error("__init__() should return None, not '" + type_name_of(r.value) + "'"));
        return Outcome::ok(inst);
    }
    // Builtin types construct through ops.h.
    return tl::construct(t, args, kwargs);
}

Vm::CallSite Vm::call_site(Op op, uint32_t arg, Value* sp) {
    CallSite cs;
    auto take_names = [&](Value* names_slot, size_t nvalues_total) {
        cs.kw_holder = *names_slot;
        auto& names = names_slot->obj_as<TupleObject>()->items;
        size_t k = names.size();
        Value* kwvals = names_slot - k;
        for (size_t i = 0; i < k; ++i) cs.kwargs.push_back(KwArg{*str_of(names[i]), kwvals[i]});
        return nvalues_total - k;
    };
    switch (op) {
        case Op::CALL:
            cs.base = sp - arg - 1;
            cs.callable = cs.base[0];
            cs.args = cs.base + 1;
            cs.nargs = arg;
            break;
        case Op::CALL_KW:
            cs.base = sp - arg - 2;
            cs.callable = cs.base[0];
            cs.args = cs.base + 1;
            cs.nargs = take_names(sp - 1, arg);
            break;
        case Op::CALL_METHOD:
        case Op::CALL_METHOD_KW: {
            bool kw = op == Op::CALL_METHOD_KW;
            cs.base = sp - arg - 2 - (kw ? 1 : 0);
            cs.callable = cs.base[0];
            size_t npos = kw ? take_names(sp - 1, arg) : arg;
            if (cs.base[1].is_null()) {
                cs.args = cs.base + 2;
                cs.nargs = npos;
            } else if (cs.callable.is_obj() && (cs.callable.as_obj()->type() == native_function_type() ||
                                                cs.callable.as_obj()->type() == str_type())) {
                cs.native_self = cs.base[1];
                cs.args = cs.base + 2;
                cs.nargs = npos;
            } else {
                cs.args = cs.base + 1;
                cs.nargs = npos + 1;
            }
            break;
        }
        case Op::CALL_EX: {
            bool has_kw = arg & 1;
            cs.base = sp - 2 - (has_kw ? 1 : 0);
            cs.callable = cs.base[0];
            cs.args_on_stack = false;
            auto& items = cs.base[1].obj_as<TupleObject>()->items;
            cs.args = items.data();
            cs.nargs = items.size();
            if (has_kw) {
                cs.kw_holder = cs.base[2];
                for (auto& [k, v] : dict_items(cs.base[2])) {
                    const std::string* s = str_of(k);
                    if (!s) {
                        cs.ex_error = true;
                        cs.ex_outcome = Outcome::raise(type_error("keywords must be strings"));
                        break;
                    }
                    // dict_items returns copies: keep them alive in a side list.
                    cs.kwargs.push_back(KwArg{*s, v});
                }
                // The strings above point into the dict's keys, which the dict keeps alive.
            }
            break;
        }
        default:
            break;
    }
    return cs;
}

Outcome Vm::invoke(CallSite& cs, Frame* f, Frame*& push) {
    if (cs.ex_error) return std::move(cs.ex_outcome);
    const Value& callee = cs.callable;
    if (!cs.native_self.is_null() && str_of(callee)) {
        return tl::call_method(cs.native_self, *str_of(callee), std::span<const Value>(cs.args, cs.nargs), cs.kwargs);
    }
    std::span<const Value> args(cs.args, cs.nargs);
    if (callee.is_obj()) {
        Object* o = callee.as_obj();
        Type* t = o->type();
        if (t == function_type()) {
            auto* fn = static_cast<FunctionObject*>(o);
            ExcRef err;
            Frame* nf = cs.kwargs.empty() && cs.args_on_stack ? make_frame_fast(fn, cs.args, cs.nargs, err)
                                          : make_frame(fn, args, cs.kwargs, err);
            if (!nf) return Outcome::raise(std::move(err));
            if (fn->code->flags & (kFlagGenerator | kFlagCoroutine)) return Outcome::ok(wrap_gen(nf));
            if (f->depth + 1 > limits_.recursion_limit) {
                Frame::destroy(nf);
                return Outcome::raise(make_exception(exc_types().RecursionError, "maximum recursion depth exceeded"));
            }
            push = nf;
            return Outcome::ok(Value::none());
        }
        if (t == native_function_type()) {
            auto* nf = static_cast<NativeFunction*>(o);
            if (callee.is(super_builtin())) return make_super(f, args);
            return nf->fn(cs.native_self.is_null() ? nf->self : cs.native_self, args, cs.kwargs);
        }
        if (t == bound_method_type()) {
            auto* bm = static_cast<BoundMethod*>(o);
            std::vector<Value> full;
            full.reserve(cs.nargs + 1);
            full.push_back(bm->self);
            full.insert(full.end(), args.begin(), args.end());
            if (bm->function.is_obj() && bm->function.as_obj()->type() == function_type()) {
                auto* fn = bm->function.obj_as<FunctionObject>();
                ExcRef err;
                Frame* nf = make_frame(fn, full, cs.kwargs, err);
                if (!nf) return Outcome::raise(std::move(err));
                if (fn->code->flags & (kFlagGenerator | kFlagCoroutine)) return Outcome::ok(wrap_gen(nf));
                if (f->depth + 1 > limits_.recursion_limit) {
                    Frame::destroy(nf);
                    return Outcome::raise(make_exception(exc_types().RecursionError, "maximum recursion depth exceeded"));
                }
                push = nf;
                return Outcome::ok(Value::none());
            }
            return call(bm->function, full, cs.kwargs);
        }
        if (t == type_type() || t->layout() == Layout::Type) {
            auto* ty = static_cast<Type*>(o);
            // A scenario class with a Python __init__: push the __init__ frame, which
            // returns the new instance.
            if (is_plain_class(ty) && !constructors_.count(ty)) {
                Value init = ty->lookup("__init__");
                if (init.is_obj() && init.as_obj()->type() == function_type()) {
                    Value inst(new InstanceObject(ty));
                    std::vector<Value> full;
                    full.reserve(cs.nargs + 1);
                    full.push_back(inst);
                    full.insert(full.end(), args.begin(), args.end());
                    ExcRef err;
                    Frame* nf = make_frame(init.obj_as<FunctionObject>(), full, cs.kwargs, err);
                    if (!nf) return Outcome::raise(std::move(err));
                    if (f->depth + 1 > limits_.recursion_limit) {
                        Frame::destroy(nf);
                        return Outcome::raise(make_exception(exc_types().RecursionError, "maximum recursion depth exceeded"));
                    }
                    nf->init_self = std::move(inst);
                    push = nf;
                    return Outcome::ok(Value::none());
                }
            }
            return call_type(ty, args, cs.kwargs);
        }
    }
    return call(callee, args, cs.kwargs);
}

// ---- classes ---------------------------------------------------------------------------------------

Outcome Vm::build_class(const Value& body, const Value& name, const Value& bases) {
    const auto& E = exc_types();
    std::vector<Type*> base_types;
    Layout layout = Layout::Object;
    for (auto& b : bases.obj_as<TupleObject>()->items) {
        if (!b.is_obj() || b.as_obj()->type()->layout() != Layout::Type) {
            return Outcome::raise(type_error("bases must be types"));
        }
        Type* bt = b.obj_as<Type>();
        if (bt->is_subtype(E.BaseException)) {
            layout = Layout::Exception;
        } else if (!is_plain_class(bt) && bt != object_type()) {
            return Outcome::raise(type_error("tasklens scenarios cannot subclass the builtin type '" + bt->name() + "'"));
        }
        base_types.push_back(bt);
    }
    std::unordered_map<std::string, Value> ns;
    auto* fn = body.obj_as<FunctionObject>();
    ExcRef err;
    Frame* f = make_frame(fn, {}, {}, err);
    if (!f) return Outcome::raise(std::move(err));
    f->ns = &ns;
    Outcome r = run_frame_nested(f);
    if (!r.ok()) return r;
    Type* t;
    try {
        t = new Type(*str_of(name), base_types, layout);
    } catch (const std::exception& ex) {
        return Outcome::raise(type_error(ex.what()));
    }
    Value result(t);
    auto q = ns.find("__qualname__");
    if (q != ns.end() && str_of(q->second)) t->qualname = *str_of(q->second);
    t->module = "__main__";
    Value cell;
    auto cc = ns.find("__classcell__");
    if (cc != ns.end()) {
        cell = cc->second;
        ns.erase(cc);
    }
    ns.erase("__qualname__");
    for (auto& [k, v] : ns) t->dict()[k] = v;
    if (cell.is_obj()) cell.obj_as<CellObject>()->value = result;
    return Outcome::ok(result);
}

Outcome Vm::make_super(Frame* f, std::span<const Value> args) {
    if (args.size() == 2) {
        if (!args[0].is_obj() || args[0].as_obj()->type()->layout() != Layout::Type) {
            return Outcome::raise(type_error("super() argument 1 must be a type, not " + type_name_of(args[0])));
        }
        return Outcome::ok(Value(new SuperObject(args[0].obj_as<Type>(), args[1])));
    }
    if (!args.empty()) return Outcome::raise(type_error("super() takes 0 or 2 arguments in tasklens scenarios"));
    if (!f || !f->func || f->code->arg_count == 0) {
        return Outcome::raise(make_exception(exc_types().RuntimeError, "super(): no arguments"));
    }
    CodeObject* c = f->code;
    Value self = f->fast[0];
    for (size_t i = 0; i < c->cellvars.size(); ++i) {
        if (c->cell_param_slot[i] == 0) self = f->cells[i]->value;
    }
    Value cls;
    for (size_t i = 0; i < c->freevars.size(); ++i) {
        if (c->freevars[i] == "__class__") cls = f->cells[c->cellvars.size() + i]->value;
    }
    if (cls.is_null()) return Outcome::raise(make_exception(exc_types().RuntimeError, "super(): __class__ cell not found"));
    return Outcome::ok(Value(new SuperObject(cls.obj_as<Type>(), self)));
}

namespace {

// BaseException.__init__ / object.__init__ reached through super(): what the builtin
// would do (store args / nothing).
Outcome base_exception_init(const Value& self, std::span<const Value> args, std::span<const KwArg>) {
    if (self.is_obj() && self.as_obj()->type()->layout() == Layout::Exception) {
        self.obj_as<ExceptionObject>()->args.assign(args.begin(), args.end());
    }
    return Outcome::ok(Value::none());
}
Outcome object_init(const Value&, std::span<const Value>, std::span<const KwArg>) { return Outcome::ok(Value::none()); }
Outcome base_exception_str(const Value& self, std::span<const Value>, std::span<const KwArg>) {
    return Outcome::ok(make_str(exception_str(*self.obj_as<ExceptionObject>())));
}
Outcome base_exception_repr(const Value& self, std::span<const Value>, std::span<const KwArg>) {
    return Outcome::ok(make_str(exception_repr(*self.obj_as<ExceptionObject>())));
}

}  // namespace

Outcome Vm::super_getattr(SuperObject* s, const std::string& name) {
    Type* t = type_of(s->self);
    if (s->self.is_obj() && s->self.as_obj()->type()->layout() == Layout::Type) t = s->self.obj_as<Type>();
    const auto& mro = t->mro();
    auto it = std::find(mro.begin(), mro.end(), s->start_after);
    if (it != mro.end()) ++it;
    for (; it != mro.end(); ++it) {
        auto d = (*it)->dict_view().find(name);
        if (d == (*it)->dict_view().end()) continue;
        const Value& v = d->second;
        if (v.is_obj() && (v.as_obj()->type() == function_type())) return Outcome::ok(Value(new BoundMethod(v, s->self)));
        if (v.is_obj() && v.as_obj()->type() == native_function_type()) {
            auto* nf = v.obj_as<NativeFunction>();
            return Outcome::ok(Value(new NativeFunction(nf->name, nf->fn, s->self)));
        }
        return Outcome::ok(v);
    }
    bool exc = s->self.is_obj() && s->self.as_obj()->type()->layout() == Layout::Exception;
    if (name == "__init__") return Outcome::ok(Value(new NativeFunction("__init__", exc ? &base_exception_init : &object_init, s->self)));
    if (exc && name == "__str__") return Outcome::ok(Value(new NativeFunction("__str__", &base_exception_str, s->self)));
    if (exc && name == "__repr__") return Outcome::ok(Value(new NativeFunction("__repr__", &base_exception_repr, s->self)));
    return Outcome::raise(make_exception(exc_types().AttributeError, "'super' object has no attribute '" + name + "'"));
}

// ---- attributes ----------------------------------------------------------------------------------

Outcome Vm::getattr(const Value& obj, const std::string& name) {
    if (obj.is_obj()) {
        Object* o = obj.as_obj();
        if (const Value* m = module_attr(o, name)) return Outcome::ok(*m);
        Type* t = o->type();
        if (is_plain_class(t) && t != module_type()) {
            auto* inst = static_cast<InstanceObject*>(o);
            auto it = inst->attrs.find(name);
            if (it != inst->attrs.end()) return Outcome::ok(it->second);
            Value m = t->lookup(name);
            if (m.is_obj() && m.as_obj()->type() == function_type()) return Outcome::ok(Value(new BoundMethod(m, obj)));
        } else if (t == function_type()) {
            auto* fn = static_cast<FunctionObject*>(o);
            if (name == "__name__") return Outcome::ok(make_str(fn->name));
            if (name == "__qualname__") return Outcome::ok(make_str(fn->qualname));
            if (name == "__module__") return Outcome::ok(make_str(fn->module));
            if (name == "__doc__") return Outcome::ok(Value::none());
            if (!fn->attrs.is_null()) {
                Outcome g = dict_get(fn->attrs, make_str(name));
                if (g.ok() && !g.value.is_null()) return g;
            }
            return Outcome::raise(make_exception(exc_types().AttributeError, "'function' object has no attribute '" + name + "'"));
        } else if (t == rt::coroutine_type() || t == generator_type()) {
            if (auto* g = script_gen_of(o)) {
                if (name == "__name__") return Outcome::ok(make_str(g->name()));
                if (name == "__qualname__") return Outcome::ok(make_str(g->qualname()));
            }
        } else if (t == super_type()) {
            return super_getattr(static_cast<SuperObject*>(o), name);
        }
        // Native methods in a type dict (runtime bindings) bind to the instance.
        if (t != type_type() && t->layout() != Layout::Type) {
            Value m = t->lookup(name);
            if (m.is_obj() && m.as_obj()->type() == native_function_type()) {
                auto* nf = m.obj_as<NativeFunction>();
                if (nf->self.is_null()) return Outcome::ok(Value(new NativeFunction(nf->name, nf->fn, obj)));
            }
        }
    }
    return tl::getattr(obj, name);
}

Outcome Vm::load_method(const Value& obj, const std::string& name, Value& self) {
    if (obj.is_obj()) {
        Object* o = obj.as_obj();
        if (const Value* m = module_attr(o, name)) return Outcome::ok(*m);
        Type* t = o->type();
        if (is_plain_class(t) && t != module_type()) {
            auto* inst = static_cast<InstanceObject*>(o);
            auto it = inst->attrs.find(name);
            if (it != inst->attrs.end()) return Outcome::ok(it->second);
            Value m = t->lookup(name);
            if (m.is_obj() && m.as_obj()->type() == function_type()) {
                self = obj;
                return Outcome::ok(std::move(m));
            }
        } else if (t != type_type() && t->layout() != Layout::Type && t != super_type() && t != function_type()) {
            Value m = t->lookup(name);
            if (m.is_obj() && m.as_obj()->type() == native_function_type() && m.obj_as<NativeFunction>()->self.is_null()) {
                self = obj;
                return Outcome::ok(std::move(m));
            }
            Layout l = t->layout();
            if (m.is_null() && (l == Layout::List || l == Layout::Dict || l == Layout::Str || l == Layout::Set)) {
                // Builtin methods (list.append, dict.get, …): the method's name stands in
                // for the callable and CALL_METHOD uses ops.h's call_method, which does
                // not materialise a bound method.
                self = obj;
                return Outcome::ok(make_str(name));
            }
        }
    }
    return getattr(obj, name);
}

Outcome Vm::setattr_value(const Value& obj, const std::string& name, Value v) {
    if (obj.is_obj() && obj.as_obj()->type() == function_type()) {
        auto* fn = obj.obj_as<FunctionObject>();
        if (fn->attrs.is_null()) fn->attrs = make_dict();
        return dict_set(fn->attrs, make_str(name), std::move(v));
    }
    if (obj.is_obj() && is_plain_class(obj.as_obj()->type())) {
        // A class-defined __setattr__, or a data descriptor on the class (a property), takes
        // the assignment: ops.h runs it.
        Type* t = obj.as_obj()->type();
        Value ca = t->lookup(name);
        if ((ca.is_obj() && !ca.as_obj()->type()->lookup("__set__").is_null()) ||
            !is_builtin_method_or_null(t->lookup("__setattr__"))) {
            return tl::setattr(obj, name, std::move(v));
        }
        instance_set_attr(*obj.obj_as<InstanceObject>(), name, std::move(v));
        return Outcome::ok(Value::none());
    }
    return tl::setattr(obj, name, std::move(v));
}

Outcome Vm::call_dunder(const Value& obj, const char* name, const char* error_prefix) {
    Value m = type_of(obj)->lookup(name);
    if (m.is_null()) return Outcome::raise(type_error(std::string(error_prefix) + type_name_of(obj)));
    Value self = obj;
    return call(m, std::span<const Value>(&self, 1));
}

Outcome Vm::enter_context(const Value& ctx, bool async, Value& exit_fn) {
    Type* t = type_of(ctx);
    // Runtime types (Timeout, TaskGroup, locks) never change their dicts: remember the
    // last one's pair per protocol instead of two MRO lookups per `with`.
    struct Cached {
        const Type* type = nullptr;
        Value enter, exit;
    };
    static Cached* cache = new Cached[2];  // never destroyed: Values outlive static teardown
    Cached& cached = cache[async ? 1 : 0];
    bool cacheable = t->layout() != Layout::Object && t->layout() != Layout::Exception && t->layout() != Layout::Type;
    Value enter, exit;
    if (cacheable && cached.type == t) {
        enter = cached.enter;
        exit = cached.exit;
    } else {
        enter = t->lookup(async ? "__aenter__" : "__enter__");
        exit = t->lookup(async ? "__aexit__" : "__exit__");
        if (cacheable && !enter.is_null() && !exit.is_null()) {
            cached.type = t;
            cached.enter = enter;
            cached.exit = exit;
        }
    }
    if (enter.is_null() || exit.is_null()) {
        return Outcome::raise(type_error("'" + t->name() + "' object does not support the " +
                                         (async ? "asynchronous " : "") + "context manager protocol"));
    }
    if (exit.as_obj()->type() == native_function_type()) {
        auto* nf = exit.obj_as<NativeFunction>();
        exit_fn = Value(new NativeFunction(nf->name, nf->fn, ctx));
    } else {
        exit_fn = Value(new BoundMethod(exit, ctx));
    }
    Value self = ctx;
    return call(enter, std::span<const Value>(&self, 1));
}

Outcome Vm::get_awaitable(const Value& v) {
    if (v.is_obj()) {
        Type* t = v.as_obj()->type();
        if (t == rt::coroutine_type() || t->layout() == Layout::Coroutine) return Outcome::ok(v);
        if (t->is_subtype(rt::future_type())) return Outcome::ok(v);
        Value aw = t->lookup("__await__");
        if (!aw.is_null()) {
            Value self = v;
            Outcome o = call(aw, std::span<const Value>(&self, 1));
            if (!o.ok()) return o;
            if (o.value.is_obj() && (o.value.as_obj()->type() == generator_type() ||
                                     o.value.as_obj()->type()->layout() == Layout::Coroutine)) {
                return o;
            }
            return Outcome::raise(type_error("__await__() returned non-iterator of type '" + type_name_of(o.value) + "'"));
        }
    }
    return Outcome::raise(type_error("object " + type_name_of(v) + " can't be used in 'await' expression"));
}

}  // namespace tl::script
