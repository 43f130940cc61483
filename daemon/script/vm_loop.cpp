// The dispatch loop: one switch over the opcodes of opcodes.h, operands in the
// instruction word, locals/stack pointers in registers. Python-to-Python calls, awaits
// of script coroutines and `yield from` push a heap frame and keep looping (no C++
// recursion); returning pops back to the caller. A yield anywhere in the chain suspends
// the whole chain and returns to the scheduler (Task.__step), as CPython's gen_send_ex.
#include <cmath>
#include <new>

#include "daemon/object/containers.h"
#include "daemon/object/range.h"
#include "daemon/object/str.h"
#include "daemon/runtime/future.h"
#include "daemon/script/vm.h"
#include "daemon/script/vm_internal.h"

namespace tl::script {

using rt::StepResult;

namespace {

inline bool is_future(const Value& v) {
    return v.is_obj() && v.as_obj()->type()->is_subtype(rt::future_type());
}
inline ScriptGen* as_gen(const Value& v) {
    if (!v.is_obj()) return nullptr;
    Type* t = v.as_obj()->type();
    if (t == rt::coroutine_type() || t == generator_type()) {
        return script_gen_of(v.as_obj());
    }
    return nullptr;
}
inline rt::Coroutine* as_native_coro(const Value& v) {
    if (!v.is_obj() || v.as_obj()->type()->layout() != Layout::Coroutine) return nullptr;
    return static_cast<rt::Coroutine*>(v.as_obj());
}

// Fast paths for int and float arithmetic; everything else goes to ops.h.
[[gnu::always_inline]] inline bool fast_binop(uint32_t op, const Value& a, const Value& b, Value& out) {
    if (a.is_int() && b.is_int()) {
        int64_t x = a.as_int(), y = b.as_int(), r;
        switch (op & 0xff) {
            case 0: if (__builtin_add_overflow(x, y, &r)) return false; out = Value::integer(r); return true;
            case 1: if (__builtin_sub_overflow(x, y, &r)) return false; out = Value::integer(r); return true;
            case 2: if (__builtin_mul_overflow(x, y, &r)) return false; out = Value::integer(r); return true;
            case 5:  // floor division with Python's rounding toward -inf
                if (y == 0 || (x == INT64_MIN && y == -1)) return false;
                r = x / y;
                if ((x % y != 0) && ((x < 0) != (y < 0))) --r;
                out = Value::integer(r);
                return true;
            case 6:  // modulo with the sign of the divisor
                if (y == 0 || (x == INT64_MIN && y == -1)) return false;
                r = x % y;
                if (r != 0 && ((r < 0) != (y < 0))) r += y;
                out = Value::integer(r);
                return true;
            case 10: out = Value::integer(x & y); return true;
            case 11: out = Value::integer(x | y); return true;
            case 12: out = Value::integer(x ^ y); return true;
            default: return false;
        }
    }
    if (a.is_float() && b.is_float()) {
        double x = a.as_float(), y = b.as_float();
        switch (op & 0xff) {
            case 0: out = Value::floating(x + y); return true;
            case 1: out = Value::floating(x - y); return true;
            case 2: out = Value::floating(x * y); return true;
            case 4: if (y == 0.0) return false; out = Value::floating(x / y); return true;
            default: return false;
        }
    }
    return false;
}

[[gnu::always_inline]] inline bool fast_compare(uint32_t op, const Value& a, const Value& b, bool& out) {
    if (a.is_int() && b.is_int()) {
        int64_t x = a.as_int(), y = b.as_int();
        switch (op) {
            case 0: out = x < y; return true;
            case 1: out = x <= y; return true;
            case 2: out = x == y; return true;
            case 3: out = x != y; return true;
            case 4: out = x > y; return true;
            case 5: out = x >= y; return true;
        }
    }
    if (a.is_float() && b.is_float()) {
        double x = a.as_float(), y = b.as_float();
        switch (op) {
            case 0: out = x < y; return true;
            case 1: out = x <= y; return true;
            case 2: out = x == y; return true;
            case 3: out = x != y; return true;
            case 4: out = x > y; return true;
            case 5: out = x >= y; return true;
        }
    }
    return false;
}

// str == str and str != str: both exact str (scenarios cannot subclass str), so the
// answer is the text's equality (unicode_compare_eq), with no rich-comparison dispatch.
[[gnu::always_inline]] inline bool fast_str_eq(uint32_t op, const Value& a, const Value& b, bool& out) {
    if ((op != 2 && op != 3) || !a.is_obj() || !b.is_obj()) return false;
    Type* st = str_type();
    if (a.as_obj()->type() != st || b.as_obj()->type() != st) return false;
    bool eq = a.obj_as<StrObject>()->value == b.obj_as<StrObject>()->value;
    out = op == 2 ? eq : !eq;
    return true;
}

// A native function called with positional arguments only (CALL, CALL_METHOD): what
// Vm::invoke does for one, without building a CallSite. super() is excluded (it needs
// the calling frame).
[[gnu::always_inline]] inline NativeFunction* plain_native(const Value& callee) {
    if (!callee.is_obj() || callee.as_obj()->type() != native_function_type()) return nullptr;
    static Object* const super_fn = super_builtin().as_obj();
    return callee.as_obj() == super_fn ? nullptr : callee.obj_as<NativeFunction>();
}

// module.name through the code object's per-name cache (CodeObject::module_attr_cache);
// fills it on a miss for an ordinary name found in the module's namespace, as
// Vm::getattr's module path answers it. Null: take the general path.
[[gnu::always_inline]] inline const Value* cached_module_attr(const CodeObject* code, uint32_t arg, const Value& obj) {
    if (!obj.is_obj() || obj.as_obj()->type() != module_type()) return nullptr;
    CodeObject::ModuleAttrCache& mc = code->module_attr_cache[arg];
    Object* m = obj.as_obj();
    if (mc.module == m && mc.epoch == instance_attrs_epoch()) return mc.slot;
    Value* slot = module_attr(m, code->names[arg]);
    if (!slot) return nullptr;
    mc.module = m;
    mc.epoch = instance_attrs_epoch();
    mc.slot = slot;
    return slot;
}

// Truthiness without a call for the common kinds.
inline int fast_truth(const Value& v) {
    switch (v.tag()) {
        case Value::Tag::Bool: return v.as_bool();
        case Value::Tag::Int: return v.as_int() != 0;
        case Value::Tag::None: return 0;
        case Value::Tag::Float: return v.as_float() != 0.0;
        default: return -1;
    }
}

}  // namespace

StepResult Vm::run(Frame* entry, Frame* f, Value sent, ExcRef thrown) {
    if (++native_depth_ > limits_.native_depth_limit) {
        --native_depth_;
        return StepResult::raised(make_exception(exc_types().RecursionError,
                                                 "maximum recursion depth exceeded while calling a Python object"));
    }
    Frame* const saved_current = current_;
    current_ = f;

    CodeObject* code;
    const uint32_t* code_base;
    const uint32_t* pc;
    Value* sp;
    Value* fast;
    const Value* consts;
    ExcRef err;
    bool err_chain = false;  // a new raise: set __context__
    bool err_tb = true;      // add this frame to the traceback
    StepResult result = StepResult::returned(Value::none());
    uint32_t word = 0;
    uint32_t arg = 0;

#define LOAD_FRAME()                                  \
    do {                                              \
        code = f->code;                               \
        code_base = code->code.data();                \
        pc = code_base + f->ip;                       \
        sp = f->sp;                                   \
        fast = f->fast;                               \
        consts = code->consts.data();                 \
        current_ = f;                                 \
    } while (0)
#define SAVE_FRAME()                                      \
    do {                                                  \
        f->ip = static_cast<uint32_t>(pc - code_base);    \
        f->sp = sp;                                       \
    } while (0)
// Stack slots at and above sp are always Null (every pop moves out of its slot or resets
// it), so a push constructs in place: no release of old contents, and no out-of-line
// Value::operator= call, which GCC declines to inline into a function this large.
#define PUSH(v) (::new (static_cast<void*>(sp++)) Value(v))
#define POP() (std::move(*--sp))
#define TOP() (sp[-1])
#define RAISE(e)              \
    do {                      \
        err = (e);            \
        err_chain = true;     \
        err_tb = true;        \
        goto error;           \
    } while (0)
// An error returned by a call: chained here unless it comes out of a generator frame,
// where it was chained when raised (resumed_exc_).
#define RAISE_OUTCOME(o)                                  \
    do {                                                  \
        err = std::move((o).exc);                         \
        err_chain = err.get() != resumed_exc_.get();      \
        resumed_exc_ = nullptr;                           \
        err_tb = true;                                    \
        goto error;                                       \
    } while (0)
#define CHECK(o)                                  \
    do {                                          \
        if (!(o).ok()) RAISE_OUTCOME(o);          \
    } while (0)

    LOAD_FRAME();

    // _gen_throw (genobject.c) recurses down the delegation chain; whatever exception
    // comes back up out of a delegate is raised in its awaiter by gen_send_ex(exc=1),
    // which chains it to the awaiter's own handled exception. Mark the chain, from the
    // innermost frame out to `entry`, so the unwinding below can do the same.
    uint64_t throw_epoch = 0;
    if (thrown) {
        throw_epoch = ++throw_epochs_;
        for (Frame* p = f; p; p = p->back) {
            p->throw_epoch = throw_epoch;
            if (p == entry) break;
        }
    }

    // ---- resumption: deliver `sent` or `thrown` to the innermost frame ----
    if (f->delegate.is_null() == false) {
        Value d = std::move(f->delegate);
        f->delegate = Value();
        if (is_future(d)) {
            if (thrown) {
                // FutureIter.throw raises it; the awaiting frame gets it with its own
                // handled exception as __context__.
                err = std::move(thrown);
                err_chain = false;
                chain_own_handled(err, f);
                goto error;
            }
            auto* fut = d.obj_as<rt::Future>();
            if (!fut->done()) RAISE(make_exception(exc_types().RuntimeError, "await wasn't used with future"));
            Outcome o = fut->result();
            CHECK(o);
            PUSH(std::move(o.value));
        } else if (rt::Coroutine* c = as_native_coro(d)) {
            StepResult r = thrown ? c->throw_exc(std::move(thrown)) : c->send(std::move(sent));
            if (r.kind == StepResult::Kind::Yield) {
                f->delegate = std::move(d);
                SAVE_FRAME();
                yield_top_ = f;
                result = std::move(r);
                goto leave;
            }
            if (r.kind == StepResult::Kind::Raise) {
                err = std::move(r.exc);
                err_chain = false;
                if (throw_epoch) chain_own_handled(err, f);
                goto error;
            }
            PUSH(std::move(r.value));
        } else {
            // `yield from` a plain iterator.
            if (thrown) {
                err = std::move(thrown);
                err_chain = false;
                chain_own_handled(err, f);
                goto error;
            }
            Outcome o = tl::next(d);
            CHECK(o);
            if (o.value.is_null()) {
                PUSH(Value::none());
            } else {
                f->delegate = std::move(d);
                SAVE_FRAME();
                yield_top_ = f;
                result = StepResult::yielded(std::move(o.value));
                goto leave;
            }
        }
    } else if (thrown) {
        // throw_here: raised at the suspended yield, chained to this frame's own
        // handled exception (_PyErr_ChainStackItem).
        err = std::move(thrown);
        err_chain = false;
        chain_own_handled(err, f);
        goto error;
    } else if (f->ip > 0 && (code->flags & (kFlagGenerator | kFlagCoroutine))) {
        PUSH(std::move(sent));  // the value of the `yield` expression
    }

    if (limit_hit()) RAISE(limit_exception());

dispatch:
    for (;;) {
        word = *pc++;
        arg = arg_of(word);
        switch (op_of(word)) {
            case Op::NOP:
                break;
            case Op::POP_TOP:
                --sp;
                *sp = Value();
                break;
            case Op::COPY: {
                Value v = sp[-static_cast<int>(arg)];
                PUSH(std::move(v));
                break;
            }
            case Op::SWAP:
                std::swap(sp[-1], sp[-static_cast<int>(arg)]);
                break;
            case Op::LOAD_CONST:
                PUSH(consts[arg]);
                break;
            case Op::LOAD_FAST: {
                const Value& v = fast[arg];
                if (v.is_null()) {
                    RAISE(make_exception(exc_types().UnboundLocalError,
                                         "cannot access local variable '" + code->varnames[arg] +
                                             "' where it is not associated with a value"));
                }
                PUSH(v);
                break;
            }
            case Op::STORE_FAST:
                fast[arg] = POP();
                break;
            case Op::DELETE_FAST:
                if (fast[arg].is_null()) {
                    RAISE(make_exception(exc_types().UnboundLocalError,
                                         "cannot access local variable '" + code->varnames[arg] +
                                             "' where it is not associated with a value"));
                }
                fast[arg] = Value();
                break;
            case Op::LOAD_DEREF: {
                const Value& v = f->cells[arg]->value;
                if (v.is_null()) RAISE(unbound_cell_error(code, arg));
                PUSH(v);
                break;
            }
            case Op::STORE_DEREF:
                f->cells[arg]->value = POP();
                break;
            case Op::DELETE_DEREF:
                if (f->cells[arg]->value.is_null()) RAISE(unbound_cell_error(code, arg));
                f->cells[arg]->value = Value();
                break;
            case Op::LOAD_CLOSURE:
                PUSH(Value(f->cells[arg]));
                break;
            case Op::LOAD_CLASSDEREF: {
                const std::string& n = arg < code->cellvars.size() ? code->cellvars[arg]
                                                                  : code->freevars[arg - code->cellvars.size()];
                if (f->ns) {
                    auto it = f->ns->find(n);
                    if (it != f->ns->end()) {
                        PUSH(it->second);
                        break;
                    }
                }
                const Value& v = f->cells[arg]->value;
                if (v.is_null()) RAISE(unbound_cell_error(code, arg));
                PUSH(v);
                break;
            }
            case Op::LOAD_GLOBAL: {
                int32_t slot = code->global_slot[arg];
                if (slot < 0) {
                    slot = f->globals->slot_of(code->names[arg]);
                    code->global_slot[arg] = slot;
                }
                const Value& g = f->globals->slots[slot];
                if (!g.is_null()) {
                    PUSH(g);
                    break;
                }
                Value& b = code->builtin_cache[arg];
                if (b.is_null()) {
                    auto it = builtins_.find(code->names[arg]);
                    if (it == builtins_.end()) {
                        RAISE(make_exception(exc_types().NameError, "name '" + code->names[arg] + "' is not defined"));
                    }
                    b = it->second;
                }
                PUSH(b);
                break;
            }
            case Op::STORE_GLOBAL: {
                int32_t slot = code->global_slot[arg];
                if (slot < 0) {
                    slot = f->globals->slot_of(code->names[arg]);
                    code->global_slot[arg] = slot;
                }
                f->globals->slots[slot] = POP();
                break;
            }
            case Op::DELETE_GLOBAL: {
                int32_t slot = f->globals->slot_of(code->names[arg]);
                if (f->globals->slots[slot].is_null()) {
                    RAISE(make_exception(exc_types().NameError, "name '" + code->names[arg] + "' is not defined"));
                }
                f->globals->slots[slot] = Value();
                break;
            }
            case Op::LOAD_NAME: {
                const std::string& n = code->names[arg];
                if (f->ns) {
                    auto it = f->ns->find(n);
                    if (it != f->ns->end()) {
                        PUSH(it->second);
                        break;
                    }
                }
                Value g = f->globals->get(n);
                if (g.is_null()) {
                    auto it = builtins_.find(n);
                    if (it == builtins_.end()) RAISE(make_exception(exc_types().NameError, "name '" + n + "' is not defined"));
                    g = it->second;
                }
                PUSH(std::move(g));
                break;
            }
            case Op::STORE_NAME:
                if (f->ns) (*f->ns)[code->names[arg]] = POP();
                else f->globals->set(code->names[arg], POP());
                break;
            case Op::DELETE_NAME: {
                const std::string& n = code->names[arg];
                bool found = false;
                if (f->ns) found = f->ns->erase(n) > 0;
                if (!found) RAISE(make_exception(exc_types().NameError, "name '" + n + "' is not defined"));
                break;
            }
            case Op::LOAD_ATTR: {
                if (const Value* m = cached_module_attr(code, arg, TOP())) {
                    Value v = *m;  // copied before the module's reference on the stack goes
                    TOP() = std::move(v);
                    break;
                }
                SAVE_FRAME();
                Outcome o = getattr(TOP(), code->names[arg]);
                CHECK(o);
                TOP() = std::move(o.value);
                break;
            }
            case Op::STORE_ATTR: {
                SAVE_FRAME();
                Value obj = POP();
                Value v = POP();
                Outcome o = setattr_value(obj, code->names[arg], std::move(v));
                CHECK(o);
                break;
            }
            case Op::DELETE_ATTR: {
                SAVE_FRAME();
                Value obj = POP();
                Outcome o = tl::delattr(obj, code->names[arg]);
                CHECK(o);
                break;
            }
            case Op::LOAD_METHOD: {
                // Builtin receivers (list.append, dict.get, …): the unbound builtin method
                // and the receiver, from a per-name cache; CALL_METHOD then calls the
                // native directly with the receiver as self (no bound-method object).
                if (const Value* m = cached_module_attr(code, arg, TOP())) {
                    Value v = *m;  // a module function: called without self
                    TOP() = std::move(v);
                    PUSH(Value());
                    break;
                }
                if (TOP().is_obj()) {
                    const Type* t = TOP().as_obj()->type();
                    CodeObject::MethodCache& mc = code->method_cache[arg];
                    if (mc.type == t) {
                        sp[0] = std::move(sp[-1]);
                        sp[-1] = mc.method;
                        ++sp;
                        break;
                    }
                    Layout l = t->layout();
                    if (l == Layout::List || l == Layout::Dict || l == Layout::Str || l == Layout::Set ||
                        l == Layout::Tuple || l == Layout::Task || l == Layout::Future) {
                        // Runtime bindings (task.cancel, fut.result, …) are unbound natives
                        // with a null self, which CALL_METHOD binds to the receiver the same way.
                        Value m = t->lookup(code->names[arg]);
                        if (is_builtin_method(m) || (m.is_obj() && m.as_obj()->type() == native_function_type() &&
                                                     m.obj_as<NativeFunction>()->self.is_null())) {
                            mc.type = t;
                            mc.method = m;
                            sp[0] = std::move(sp[-1]);
                            sp[-1] = std::move(m);
                            ++sp;
                            break;
                        }
                    }
                }
                SAVE_FRAME();
                Value obj = POP();
                Value self;
                Outcome o = load_method(obj, code->names[arg], self);
                CHECK(o);
                PUSH(std::move(o.value));
                PUSH(std::move(self));
                break;
            }
            case Op::BINARY_SUBSCR: {
                SAVE_FRAME();
                Value key = POP();
                Value& obj = TOP();
                if (key.is_int() && obj.is_obj() && obj.as_obj()->type() == list_type()) {
                    auto& items = obj.obj_as<ListObject>()->items;
                    int64_t i = key.as_int();
                    if (i < 0) i += static_cast<int64_t>(items.size());
                    if (i >= 0 && i < static_cast<int64_t>(items.size())) {
                        obj = Value(items[static_cast<size_t>(i)]);
                        break;
                    }
                }
                Outcome o = tl::getitem(obj, key);
                CHECK(o);
                obj = std::move(o.value);
                break;
            }
            case Op::STORE_SUBSCR: {
                SAVE_FRAME();
                Value key = POP();
                Value obj = POP();
                Value v = POP();
                if (key.is_int() && obj.is_obj() && obj.as_obj()->type() == list_type()) {
                    auto& items = obj.obj_as<ListObject>()->items;
                    int64_t i = key.as_int();
                    if (i < 0) i += static_cast<int64_t>(items.size());
                    if (i >= 0 && i < static_cast<int64_t>(items.size())) {
                        items[static_cast<size_t>(i)] = std::move(v);
                        break;
                    }
                }
                Outcome o = tl::setitem(obj, key, std::move(v));
                CHECK(o);
                break;
            }
            case Op::DELETE_SUBSCR: {
                SAVE_FRAME();
                Value key = POP();
                Value obj = POP();
                Outcome o = tl::delitem(obj, key);
                CHECK(o);
                break;
            }
            case Op::BUILD_SLICE: {
                Value step = arg == 3 ? POP() : Value::none();
                Value stop = POP();
                Value start = POP();
                PUSH(make_slice(std::move(start), std::move(stop), std::move(step)));
                break;
            }
            case Op::BINARY_OP: {
                Value& a = sp[-2];
                const Value& b = sp[-1];
                Value r;
                if (fast_binop(arg, a, b, r)) {
                    a = std::move(r);
                    --sp;
                    *sp = Value();
                    break;
                }
                SAVE_FRAME();
                Outcome o = tl::binary_op(static_cast<BinaryOp>(arg & 0xff), a, b, (arg & 0x100) != 0);
                CHECK(o);
                a = std::move(o.value);
                --sp;
                *sp = Value();
                break;
            }
            case Op::UNARY_OP: {
                Value& a = TOP();
                if (arg == 3) {
                    int t = fast_truth(a);
                    if (t >= 0) {
                        a = Value::boolean(!t);
                        break;
                    }
                } else if (arg == 0 && a.is_int() && a.as_int() != INT64_MIN) {
                    a = Value::integer(-a.as_int());
                    break;
                }
                SAVE_FRAME();
                Outcome o = tl::unary_op(static_cast<UnaryOp>(arg), a);
                CHECK(o);
                a = std::move(o.value);
                break;
            }
            case Op::COMPARE_OP: {
                Value& a = sp[-2];
                const Value& b = sp[-1];
                bool r;
                if (fast_compare(arg, a, b, r) || fast_str_eq(arg, a, b, r)) {
                    a = Value::boolean(r);
                    --sp;
                    *sp = Value();
                    break;
                }
                SAVE_FRAME();
                Outcome o = tl::compare(static_cast<CompareOp>(arg), a, b);
                CHECK(o);
                a = std::move(o.value);
                --sp;
                *sp = Value();
                break;
            }
            case Op::IS_OP: {
                bool r = sp[-2].is(sp[-1]);
                --sp;
                *sp = Value();
                TOP() = Value::boolean(arg ? !r : r);
                break;
            }
            case Op::CONTAINS_OP: {
                SAVE_FRAME();
                Value container = POP();
                Outcome o = tl::contains(container, TOP());
                CHECK(o);
                bool r = o.value.is_bool() ? o.value.as_bool() : false;
                TOP() = Value::boolean(arg ? !r : r);
                break;
            }
            case Op::JUMP:
                if (code_base + arg <= pc && !tick()) {
                    SAVE_FRAME();
                    RAISE(limit_exception());
                }
                pc = code_base + arg;
                break;
            case Op::POP_JUMP_IF_FALSE:
            case Op::POP_JUMP_IF_TRUE: {
                Value v = POP();
                int t = fast_truth(v);
                if (t < 0) {
                    SAVE_FRAME();
                    Outcome o = tl::truthy(v);
                    CHECK(o);
                    t = o.value.as_bool();
                }
                if ((op_of(word) == Op::POP_JUMP_IF_TRUE) == (t != 0)) {
                    if (code_base + arg <= pc && !tick()) {
                        SAVE_FRAME();
                        RAISE(limit_exception());
                    }
                    pc = code_base + arg;
                }
                break;
            }
            case Op::POP_JUMP_IF_NONE:
            case Op::POP_JUMP_IF_NOT_NONE: {
                Value v = POP();
                if ((op_of(word) == Op::POP_JUMP_IF_NONE) == v.is_none()) pc = code_base + arg;
                break;
            }
            case Op::JUMP_IF_FALSE_OR_POP:
            case Op::JUMP_IF_TRUE_OR_POP: {
                int t = fast_truth(TOP());
                if (t < 0) {
                    SAVE_FRAME();
                    Outcome o = tl::truthy(TOP());
                    CHECK(o);
                    t = o.value.as_bool();
                }
                if ((op_of(word) == Op::JUMP_IF_TRUE_OR_POP) == (t != 0)) {
                    pc = code_base + arg;
                } else {
                    --sp;
                    *sp = Value();
                }
                break;
            }
            case Op::GET_ITER: {
                if (as_gen(TOP()) && TOP().as_obj()->type() == generator_type()) break;
                SAVE_FRAME();
                Outcome o = tl::iter(TOP());
                CHECK(o);
                TOP() = std::move(o.value);
                break;
            }
            case Op::FOR_ITER: {
                // list/tuple and range iterators step inline, mirroring ops' next().
                if (TOP().is_obj()) {
                    static Type* const seq_iter = iterator_type(IterKind::Seq);
                    static Type* const range_iter = iterator_type(IterKind::Range);
                    Type* t = TOP().as_obj()->type();
                    if (t == range_iter) {
                        auto* it = TOP().obj_as<IterObject>();
                        if (!it->done && it->end > 0) {
                            int64_t v = it->pos;
                            --it->end;
                            it->pos += it->step;
                            PUSH(Value::integer(v));
                            break;
                        }
                        it->done = true;
                        --sp;
                        *sp = Value();
                        pc = code_base + arg;
                        break;
                    }
                    if (t == seq_iter) {
                        auto* it = TOP().obj_as<IterObject>();
                        if (!it->done) {
                            const Value& src = it->source;
                            const std::vector<Value>& items = src.as_obj()->type()->layout() == Layout::List
                                                                  ? src.obj_as<ListObject>()->items
                                                                  : src.obj_as<TupleObject>()->items;
                            if (it->pos < static_cast<int64_t>(items.size())) {
                                PUSH(items[static_cast<size_t>(it->pos++)]);
                                break;
                            }
                            it->done = true;
                            it->source = Value::none();
                        }
                        --sp;
                        *sp = Value();
                        pc = code_base + arg;
                        break;
                    }
                }
                SAVE_FRAME();
                Outcome o;
                if (ScriptGen* g = as_gen(TOP())) {
                    o = gen_next(g);
                } else {
                    o = tl::next(TOP());
                }
                CHECK(o);
                if (o.value.is_null()) {
                    --sp;
                    *sp = Value();
                    pc = code_base + arg;
                } else {
                    PUSH(std::move(o.value));
                }
                break;
            }
            case Op::BUILD_TUPLE: {
                std::vector<Value> items(arg);
                for (uint32_t i = arg; i-- > 0;) items[i] = POP();
                PUSH(make_tuple(std::move(items)));
                break;
            }
            case Op::BUILD_LIST: {
                std::vector<Value> items(arg);
                for (uint32_t i = arg; i-- > 0;) items[i] = POP();
                PUSH(Value(new ListObject(std::move(items))));
                break;
            }
            case Op::BUILD_SET: {
                SAVE_FRAME();
                std::vector<Value> items(arg);
                for (uint32_t i = arg; i-- > 0;) items[i] = POP();
                Outcome o = make_set_checked(items);
                CHECK(o);
                PUSH(std::move(o.value));
                break;
            }
            case Op::BUILD_MAP: {
                SAVE_FRAME();
                Value d = make_dict();
                Value* base = sp - 2 * arg;
                for (uint32_t i = 0; i < arg; ++i) {
                    Outcome o = dict_set(d, base[2 * i], base[2 * i + 1]);
                    if (!o.ok()) {
                        while (sp > base) *--sp = Value();
                        RAISE_OUTCOME(o);
                    }
                }
                while (sp > base) *--sp = Value();
                PUSH(std::move(d));
                break;
            }
            case Op::BUILD_STRING: {
                std::string s;
                Value* base = sp - arg;
                for (uint32_t i = 0; i < arg; ++i) {
                    if (const std::string* p = str_of(base[i])) s += *p;
                }
                while (sp > base) *--sp = Value();
                PUSH(make_str(std::move(s)));
                break;
            }
            case Op::LIST_APPEND: {
                Value v = POP();
                sp[-static_cast<int>(arg)].obj_as<ListObject>()->items.push_back(std::move(v));
                break;
            }
            case Op::SET_ADD:
            case Op::LIST_EXTEND:
            case Op::SET_UPDATE:
            case Op::DICT_UPDATE:
            case Op::DICT_MERGE: {
                SAVE_FRAME();
                Value v = POP();
                Outcome o = collection_add(op_of(word), sp[-static_cast<int>(arg)], v, sp);
                CHECK(o);
                break;
            }
            case Op::MAP_ADD: {
                SAVE_FRAME();
                Value v = POP();
                Value k = POP();
                Outcome o = dict_set(sp[-static_cast<int>(arg)], k, std::move(v));
                CHECK(o);
                break;
            }
            case Op::LIST_TO_TUPLE: {
                auto items = std::move(TOP().obj_as<ListObject>()->items);
                TOP() = make_tuple(std::move(items));
                break;
            }
            case Op::UNPACK_SEQUENCE:
            case Op::UNPACK_EX: {
                SAVE_FRAME();
                Value seq = POP();
                std::vector<Value> items;
                Outcome o = unpack(seq, op_of(word) == Op::UNPACK_EX, arg, items);
                CHECK(o);
                for (size_t i = items.size(); i-- > 0;) PUSH(std::move(items[i]));
                break;
            }
            case Op::CALL: {
                // A Python function called with exactly its positional parameters (no
                // defaults, cells, *args, generators): bind the arguments by moving them
                // off the stack into a new frame (what make_frame_fast does, inline).
                Value* base = sp - arg - 1;
                if (base->is_obj() && base->as_obj()->type() == function_type()) {
                    auto* fn = base->obj_as<FunctionObject>();
                    CodeObject* c = fn->code.get();
                    if (!(c->flags & (kFlagGenerator | kFlagCoroutine | kFlagVarargs | kFlagVarkw)) &&
                        c->kwonly_count == 0 && static_cast<uint32_t>(c->arg_count) == arg && c->cellvars.empty() &&
                        f->depth + 1 <= limits_.recursion_limit) {
                        SAVE_FRAME();
                        if (!tick()) RAISE(limit_exception());
                        Frame* nf = Frame::create(c, Ref<FunctionObject>(fn), fn->globals);
                        for (uint32_t i = 0; i < arg; ++i) nf->fast[i] = std::move(base[1 + i]);
                        for (size_t i = 0; i < c->freevars.size(); ++i) nf->cells[i] = fn->closure[i];
                        *base = Value();
                        sp = base;
                        f->sp = sp;
                        nf->back = f;
                        nf->depth = f->depth + 1;
                        f = nf;
                        LOAD_FRAME();
                        break;
                    }
                }
                if (NativeFunction* nfn = plain_native(*base)) {
                    SAVE_FRAME();
                    if (!tick()) RAISE(limit_exception());
                    Outcome o = nfn->fn(nfn->self, std::span<const Value>(base + 1, arg), {});
                    while (sp > base) *--sp = Value();
                    CHECK(o);
                    PUSH(std::move(o.value));
                    break;
                }
                goto generic_call;
            }
            case Op::CALL_METHOD: {
                // A native method (task.cancel(), a module function): self is the
                // receiver LOAD_METHOD left, or the native's own when it left Null.
                Value* base = sp - arg - 2;
                if (NativeFunction* nfn = plain_native(*base)) {
                    SAVE_FRAME();
                    if (!tick()) RAISE(limit_exception());
                    Outcome o = nfn->fn(base[1].is_null() ? nfn->self : base[1], std::span<const Value>(base + 2, arg), {});
                    while (sp > base) *--sp = Value();
                    CHECK(o);
                    PUSH(std::move(o.value));
                    break;
                }
                goto generic_call;
            }
            case Op::CALL_KW:
            case Op::CALL_METHOD_KW:
            case Op::CALL_EX: {
            generic_call:
                SAVE_FRAME();
                if (!tick()) RAISE(limit_exception());
                CallSite cs = call_site(op_of(word), arg, sp);
                Frame* nf = nullptr;
                Outcome o = invoke(cs, f, nf);
                // Pop the call's stack items; the result (or the frame's) replaces them.
                while (sp > cs.base) *--sp = Value();
                if (nf) {
                    if (!o.ok()) RAISE_OUTCOME(o);
                    f->sp = sp;
                    nf->back = f;
                    nf->depth = f->depth + 1;
                    f = nf;
                    LOAD_FRAME();
                    break;
                }
                CHECK(o);
                PUSH(std::move(o.value));
                break;
            }
            case Op::MAKE_FUNCTION: {
                Value codev = POP();
                Ref<FunctionObject> fn(new FunctionObject(CodeRef(codev.obj_as<CodeObject>()), f->globals));
                if (arg & 8) {
                    Value cl = POP();
                    for (auto& c : cl.obj_as<TupleObject>()->items) fn->closure.emplace_back(c.obj_as<CellObject>());
                }
                if (arg & 2) {
                    Value kd = POP();
                    for (auto& [k, v] : dict_items(kd)) fn->kwdefaults.emplace_back(*str_of(k), v);
                }
                if (arg & 1) {
                    Value d = POP();
                    fn->defaults = d.obj_as<TupleObject>()->items;
                }
                PUSH(Value(fn));
                break;
            }
            case Op::BUILD_CLASS: {
                SAVE_FRAME();
                Value bases = POP();
                Value name = POP();
                Value body = POP();
                Outcome o = build_class(body, name, bases);
                CHECK(o);
                PUSH(std::move(o.value));
                break;
            }
            case Op::RETURN_VALUE: {
                Value v = POP();
                SAVE_FRAME();
                if (f == entry) {
                    result = StepResult::returned(std::move(v));
                    goto leave;
                }
                Frame* back = f->back;
                if (f->owner) {
                    ScriptGen* g = f->owner;
                    g->state = ScriptGen::State::Done;
                    g->frame = nullptr;
                    g->top = nullptr;
                    back->delegate = Value();
                } else if (!f->init_self.is_null()) {
                    if (!v.is_none()) {
                        Value self = std::move(f->init_self);
                        Frame::destroy(f);
                        f = back;
                        LOAD_FRAME();
                        RAISE(make_exception(exc_types().TypeError,
                                             "__init__() should return None, not '" + type_of(v)->name() + "'"));
                    }
                    v = std::move(f->init_self);
                }
                Frame::destroy(f);
                f = back;
                LOAD_FRAME();
                PUSH(std::move(v));
                break;
            }
            case Op::YIELD_VALUE: {
                Value v = POP();
                SAVE_FRAME();
                yield_top_ = f;
                result = StepResult::yielded(std::move(v));
                goto leave;
            }
            case Op::GET_AWAITABLE: {
                SAVE_FRAME();
                Outcome o = get_awaitable(TOP());
                CHECK(o);
                TOP() = std::move(o.value);
                break;
            }
            case Op::GET_YIELD_FROM_ITER: {
                if (as_gen(TOP())) break;
                SAVE_FRAME();
                Outcome o = tl::iter(TOP());
                CHECK(o);
                TOP() = std::move(o.value);
                break;
            }
            case Op::YIELD_FROM: {
                Value d = POP();
                SAVE_FRAME();
                if (ScriptGen* g = as_gen(d)) {
                    if (g->state == ScriptGen::State::Done) {
                        if (g->is_coroutine()) {
                            RAISE(make_exception(exc_types().RuntimeError, "cannot reuse already awaited coroutine"));
                        }
                        PUSH(Value::none());
                        break;
                    }
                    if (g->state == ScriptGen::State::Running || g->awaited) {
                        RAISE(make_exception(exc_types().RuntimeError,
                                             g->is_coroutine() ? "coroutine is being awaited already"
                                                               : "generator already executing"));
                    }
                    if (f->depth + 1 > limits_.recursion_limit) {
                        // CPython raises this on entering the coroutine's frame, so the
                        // coroutine counts as started (and finished): no "never awaited".
                        if (g->state == ScriptGen::State::Created) drop_gen_frames(g);
                        RAISE(make_exception(exc_types().RecursionError, "maximum recursion depth exceeded"));
                    }
                    bool fresh = g->state == ScriptGen::State::Created;
                    g->state = ScriptGen::State::Running;
                    g->awaited = true;
                    Frame* inner = g->top ? g->top : g->frame;
                    if (!inner->delegate.is_null()) {
                        g->state = ScriptGen::State::Suspended;
                        g->awaited = false;
                        RAISE(make_exception(exc_types().RuntimeError,
                                             "cannot await a coroutine that is suspended in another await"));
                    }
                    g->top = nullptr;
                    g->frame->back = f;
                    g->frame->depth = f->depth + 1;
                    f->delegate = std::move(d);
                    f = inner;
                    LOAD_FRAME();
                    if (!fresh) PUSH(Value::none());
                    break;
                }
                if (is_future(d)) {
                    auto* fut = d.obj_as<rt::Future>();
                    if (fut->done()) {
                        Outcome o = fut->result();
                        CHECK(o);
                        PUSH(std::move(o.value));
                        break;
                    }
                    // Future.__await__: yield the future itself to the task.
                    fut->asyncio_future_blocking = true;
                    f->delegate = d;
                    yield_top_ = f;
                    result = StepResult::yielded(std::move(d));
                    goto leave;
                }
                if (rt::Coroutine* c = as_native_coro(d)) {
                    StepResult r = c->send(Value::none());
                    if (r.kind == StepResult::Kind::Yield) {
                        f->delegate = std::move(d);
                        yield_top_ = f;
                        result = std::move(r);
                        goto leave;
                    }
                    if (r.kind == StepResult::Kind::Raise) {
                        err = std::move(r.exc);
                        err_chain = false;
                        goto error;
                    }
                    PUSH(std::move(r.value));
                    break;
                }
                // yield from a plain iterator
                Outcome o = tl::next(d);
                CHECK(o);
                if (o.value.is_null()) {
                    PUSH(Value::none());
                    break;
                }
                f->delegate = std::move(d);
                yield_top_ = f;
                result = StepResult::yielded(std::move(o.value));
                goto leave;
            }
            case Op::GET_AITER: {
                SAVE_FRAME();
                Outcome o = call_dunder(TOP(), "__aiter__", "'async for' requires an object with __aiter__ method, got ");
                CHECK(o);
                TOP() = std::move(o.value);
                break;
            }
            case Op::GET_ANEXT: {
                SAVE_FRAME();
                Outcome o = call_dunder(TOP(), "__anext__", "'async for' received an object from __aiter__ that does not implement __anext__: ");
                CHECK(o);
                Outcome a = get_awaitable(o.value);
                CHECK(a);
                PUSH(std::move(a.value));
                break;
            }
            case Op::END_ASYNC_FOR: {
                Value exc = POP();
                if (exc.obj_as<ExceptionObject>()->is_instance(exc_types().StopAsyncIteration)) {
                    --sp;
                    *sp = Value();  // the async iterator
                    break;
                }
                err = ExcRef(exc.obj_as<ExceptionObject>());
                err_chain = false;
                err_tb = false;
                goto unwind;
            }
            case Op::BEFORE_WITH:
            case Op::BEFORE_ASYNC_WITH: {
                SAVE_FRAME();
                Value ctx = POP();
                bool async = op_of(word) == Op::BEFORE_ASYNC_WITH;
                Value exit_fn;
                Outcome o = enter_context(ctx, async, exit_fn);
                if (!o.ok()) RAISE_OUTCOME(o);
                PUSH(std::move(exit_fn));
                PUSH(std::move(o.value));
                break;
            }
            case Op::WITH_EXCEPT_START: {
                SAVE_FRAME();
                // exit, exc  (the handler block sits above)
                const Value& exc = sp[-1];
                const Value& exit_fn = sp[-2];
                Value args[3] = {Value(exc.as_obj()->type()), exc, Value::none()};
                Outcome o = call(exit_fn, std::span<const Value>(args, 3));
                CHECK(o);
                PUSH(std::move(o.value));
                break;
            }
            case Op::SETUP_FINALLY: {
                Block& b = f->blocks[f->nblocks++];
                b.kind = Block::Setup;
                b.handler = arg;
                b.level = static_cast<uint32_t>(sp - f->stack);
                break;
            }
            case Op::SETUP_WITH: {
                Block& b = f->blocks[f->nblocks++];
                b.kind = Block::Setup;
                b.handler = arg;
                b.level = static_cast<uint32_t>(sp - f->stack - 1);
                break;
            }
            case Op::POP_BLOCK:
                --f->nblocks;
                break;
            case Op::PUSH_EXC_INFO: {
                Block& b = f->blocks[f->nblocks++];
                b.kind = Block::Handler;
                b.handler = 0;
                b.level = static_cast<uint32_t>(sp - f->stack - 1);
                b.saved_exc = f->exc_info;
                f->exc_info = TOP();
                break;
            }
            case Op::POP_EXCEPT: {
                Block& b = f->blocks[--f->nblocks];
                f->exc_info = std::move(b.saved_exc);
                b.saved_exc = Value();
                break;
            }
            case Op::CHECK_EXC_MATCH: {
                SAVE_FRAME();
                Value type = POP();
                Outcome o = check_exc_match(TOP(), type);
                CHECK(o);
                PUSH(std::move(o.value));
                break;
            }
            case Op::CHECK_EG_MATCH: {
                SAVE_FRAME();
                Value type = POP();
                Value eg = POP();
                Outcome ok = check_exc_match(eg, type);  // validates the type like CPython
                CHECK(ok);
                Outcome o = eg_match(eg, type);
                CHECK(o);
                auto& pair = o.value.obj_as<TupleObject>()->items;
                PUSH(pair[1]);  // rest
                PUSH(pair[0]);  // match
                break;
            }
            case Op::PREP_RERAISE_STAR: {
                SAVE_FRAME();
                Value raised = POP();
                Outcome o = prep_reraise_star(TOP(), raised);
                CHECK(o);
                PUSH(std::move(o.value));
                break;
            }
            case Op::RERAISE: {
                Value exc = POP();
                SAVE_FRAME();
                err = ExcRef(exc.obj_as<ExceptionObject>());
                err_chain = false;
                err_tb = false;
                goto unwind;
            }
            case Op::RAISE_VARARGS: {
                SAVE_FRAME();
                ExcRef e;
                Outcome o = make_raise(arg, sp, f, e);
                if (!o.ok()) RAISE_OUTCOME(o);
                if (arg == 0) {
                    err = std::move(e);
                    err_chain = false;
                    err_tb = true;
                    goto error;
                }
                RAISE(std::move(e));
            }
            case Op::LOAD_ASSERTION_ERROR:
                PUSH(Value(exc_types().AssertionError));
                break;
            case Op::FORMAT_VALUE: {
                SAVE_FRAME();
                Value spec;
                if (arg & 4) spec = POP();
                Outcome o = format_value(POP(), arg, (arg & 4) ? &spec : nullptr);
                CHECK(o);
                PUSH(std::move(o.value));
                break;
            }
            case Op::IMPORT_NAME: {
                SAVE_FRAME();
                Outcome o = import_module(code->names[arg]);
                CHECK(o);
                PUSH(std::move(o.value));
                break;
            }
            case Op::IMPORT_FROM: {
                SAVE_FRAME();
                Outcome o = import_from(TOP(), code->names[arg]);
                CHECK(o);
                PUSH(std::move(o.value));
                break;
            }
            default:
                // Every opcode is handled above (-Wswitch checks it) and only the
                // compiler writes bytecode: no range check before the jump table.
                __builtin_unreachable();
        }
        continue;

    error:
        // A new exception in frame f (or one thrown in / propagated into it).
        SAVE_FRAME();
        if (err_chain) chain_context(err, f);
        if (err_tb) err->traceback.insert(err->traceback.begin(), TracebackEntry{code->filename, f->line(), code->name});
    unwind:
        // Find a handler in this frame; otherwise leave it and raise in the one below.
        while (f->nblocks > 0 && !limit_hit()) {
            Block& b = f->blocks[--f->nblocks];
            Value* level = f->stack + b.level;
            while (sp > level) *--sp = Value();
            if (b.kind == Block::Handler) {
                f->exc_info = std::move(b.saved_exc);
                b.saved_exc = Value();
                continue;
            }
            PUSH(Value(err));
            err = nullptr;
            pc = code_base + b.handler;
            goto dispatch;
        }
        while (f->nblocks > 0) {
            Block& b = f->blocks[--f->nblocks];
            b.saved_exc = Value();
        }
        while (sp > f->stack) *--sp = Value();
        SAVE_FRAME();
        if (f->owner) err = stop_iteration_to_runtime_error(std::move(err), f->owner);
        if (f == entry) {
            result = StepResult::raised(std::move(err));
            goto leave;
        }
        {
            Frame* back = f->back;
            bool rechain = throw_epoch && f->throw_epoch == throw_epoch && back->throw_epoch == throw_epoch;
            if (f->owner) {
                ScriptGen* g = f->owner;
                g->state = ScriptGen::State::Done;
                g->frame = nullptr;
                g->top = nullptr;
                back->delegate = Value();
            }
            Frame::destroy(f);
            f = back;
            LOAD_FRAME();
            err_chain = false;
            err_tb = true;
            if (rechain) chain_own_handled(err, f);
            goto error;
        }
    }

leave:
    current_ = saved_current;
    --native_depth_;
    return result;

#undef LOAD_FRAME
#undef SAVE_FRAME
#undef PUSH
#undef POP
#undef TOP
#undef RAISE
#undef RAISE_OUTCOME
#undef CHECK
}

}  // namespace tl::script
