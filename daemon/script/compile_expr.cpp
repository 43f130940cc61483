// Expression compilation for the scenario compiler: operators, calls (with the
// LOAD_METHOD/CALL_METHOD pair for `obj.m(...)`), displays with starred items,
// comparisons chained as CPython chains them, f-strings, lambdas, comprehensions
// (nested functions called at once, as CPython 3.11 compiles them), await and yield.
#include "daemon/object/containers.h"
#include "daemon/object/str.h"
#include "daemon/script/async_gen.h"
#include "daemon/script/compiler_internal.h"

namespace tl::script {

using namespace ast;

namespace {

uint32_t binop_index(BinOpKind k) {
    switch (k) {
        case BinOpKind::Add: return 0;
        case BinOpKind::Sub: return 1;
        case BinOpKind::Mult: return 2;
        case BinOpKind::MatMult: return 3;
        case BinOpKind::Div: return 4;
        case BinOpKind::FloorDiv: return 5;
        case BinOpKind::Mod: return 6;
        case BinOpKind::Pow: return 7;
        case BinOpKind::LShift: return 8;
        case BinOpKind::RShift: return 9;
        case BinOpKind::BitAnd: return 10;
        case BinOpKind::BitOr: return 11;
        case BinOpKind::BitXor: return 12;
    }
    return 0;
}

}  // namespace

bool CodeGen::has_starred(const ExprList& l) const {
    for (auto& e : l) if (e->is<Starred>()) return true;
    return false;
}

void CodeGen::sequence_with_stars(const ExprList& elts, Op build, Op extend, Op add_one) {
    if (!has_starred(elts)) {
        for (auto& e : elts) expr(*e);
        emit(build, static_cast<uint32_t>(elts.size()));
        return;
    }
    emit(build, 0);
    for (auto& e : elts) {
        if (e->is<Starred>()) {
            expr(*e->as<Starred>().value);
            emit(extend, 1);
        } else {
            expr(*e);
            emit(add_one, 1);
        }
    }
}

void CodeGen::slice_or_expr(const Expr& e) {
    if (!e.is<Slice>()) {
        expr(e);
        return;
    }
    auto& s = e.as<Slice>();
    auto opt = [&](const ExprPtr& p) {
        if (p) expr(*p);
        else emit(Op::LOAD_CONST, add_const(Value::none()));
    };
    opt(s.lower);
    opt(s.upper);
    if (s.step) {
        expr(*s.step);
        emit(Op::BUILD_SLICE, 3);
    } else {
        emit(Op::BUILD_SLICE, 2);
    }
}

void CodeGen::await_value(const Position& pos) {
    // compiler_visit_expr1: outside any function the message drops "async".
    if (!u().scope->is_function_like()) fail("'await' outside function", pos);
    if (!in_async_function()) fail("'await' outside async function", pos);
    emit(Op::GET_AWAITABLE);
    emit(Op::YIELD_FROM);
}

void CodeGen::expr(const Expr& e) {
    int saved_line = u().line;
    u().line = e.pos.line;
    switch (e.kind) {
        case ExprKind::BoolOp: {
            auto& b = e.as<BoolOp>();
            std::vector<size_t> jumps;
            for (size_t i = 0; i < b.values.size(); ++i) {
                expr(*b.values[i]);
                if (i + 1 < b.values.size()) {
                    jumps.push_back(emit(b.op == BoolOpKind::And ? Op::JUMP_IF_FALSE_OR_POP : Op::JUMP_IF_TRUE_OR_POP));
                }
            }
            for (size_t j : jumps) patch_here(j);
            break;
        }
        case ExprKind::NamedExpr: {
            auto& n = e.as<NamedExpr>();
            expr(*n.value);
            emit(Op::COPY, 1);
            store_name(n.target->as<Name>().id);
            break;
        }
        case ExprKind::BinOp: {
            auto& b = e.as<BinOp>();
            expr(*b.left);
            expr(*b.right);
            u().line = e.pos.line;
            emit(Op::BINARY_OP, binop_index(b.op));
            break;
        }
        case ExprKind::UnaryOp: {
            auto& un = e.as<UnaryOp>();
            expr(*un.operand);
            uint32_t k = 0;
            switch (un.op) {
                case UnaryOpKind::USub: k = 0; break;
                case UnaryOpKind::UAdd: k = 1; break;
                case UnaryOpKind::Invert: k = 2; break;
                case UnaryOpKind::Not: k = 3; break;
            }
            emit(Op::UNARY_OP, k);
            break;
        }
        case ExprKind::Lambda: {
            auto& l = e.as<Lambda>();
            uint32_t flags = 0;
            if (!l.args.defaults.empty()) {
                for (auto& d : l.args.defaults) expr(*d);
                emit(Op::BUILD_TUPLE, static_cast<uint32_t>(l.args.defaults.size()));
                flags |= 1;
            }
            uint32_t nkw = 0;
            for (size_t i = 0; i < l.args.kwonlyargs.size(); ++i) {
                if (i < l.args.kw_defaults.size() && l.args.kw_defaults[i]) {
                    emit(Op::LOAD_CONST, add_const(make_str(l.args.kwonlyargs[i].name)));
                    expr(*l.args.kw_defaults[i]);
                    ++nkw;
                }
            }
            if (nkw) {
                emit(Op::BUILD_MAP, nkw);
                flags |= 2;
            }
            Scope* s = st_.scope_of(&l);
            if (s->is_generator) fail("'yield' inside lambda is not supported", e.pos);
            enter_unit(s, "<lambda>", qualname_for("<lambda>", s), e.pos.line);
            auto& c = *u().code;
            c.posonly_count = static_cast<int>(l.args.posonlyargs.size());
            c.arg_count = static_cast<int>(l.args.posonlyargs.size() + l.args.args.size());
            c.kwonly_count = static_cast<int>(l.args.kwonlyargs.size());
            if (l.args.vararg) c.flags |= kFlagVarargs;
            if (l.args.kwarg) c.flags |= kFlagVarkw;
            expr(*l.body);
            emit(Op::RETURN_VALUE);
            CodeRef code = leave_unit();
            make_closure(code, flags);
            break;
        }
        case ExprKind::IfExp: {
            auto& i = e.as<IfExp>();
            expr(*i.test);
            size_t jf = emit(Op::POP_JUMP_IF_FALSE);
            expr(*i.body);
            size_t je = emit(Op::JUMP);
            patch_here(jf);
            set_depth(depth() - 1);
            expr(*i.orelse);
            patch_here(je);
            break;
        }
        case ExprKind::Dict: {
            auto& d = e.as<Dict>();
            bool has_spread = false;
            for (auto& k : d.keys) if (!k) has_spread = true;
            if (!has_spread) {
                for (size_t i = 0; i < d.keys.size(); ++i) {
                    expr(*d.keys[i]);
                    expr(*d.values[i]);
                }
                emit(Op::BUILD_MAP, static_cast<uint32_t>(d.keys.size()));
                break;
            }
            emit(Op::BUILD_MAP, 0);
            uint32_t run = 0;
            auto flush = [&] {
                if (run) {
                    emit(Op::BUILD_MAP, run);
                    emit(Op::DICT_UPDATE, 1);
                    run = 0;
                }
            };
            for (size_t i = 0; i < d.keys.size(); ++i) {
                if (d.keys[i]) {
                    expr(*d.keys[i]);
                    expr(*d.values[i]);
                    ++run;
                } else {
                    flush();
                    expr(*d.values[i]);
                    emit(Op::DICT_UPDATE, 1);
                }
            }
            flush();
            break;
        }
        case ExprKind::Set:
            sequence_with_stars(e.as<Set>().elts, Op::BUILD_SET, Op::SET_UPDATE, Op::SET_ADD);
            break;
        case ExprKind::ListComp:
            comprehension(e, e.as<ListComp>().generators, e.as<ListComp>().elt.get(), nullptr, 0);
            break;
        case ExprKind::SetComp:
            comprehension(e, e.as<SetComp>().generators, e.as<SetComp>().elt.get(), nullptr, 1);
            break;
        case ExprKind::DictComp:
            comprehension(e, e.as<DictComp>().generators, e.as<DictComp>().key.get(), e.as<DictComp>().value.get(), 2);
            break;
        case ExprKind::GeneratorExp:
            comprehension(e, e.as<GeneratorExp>().generators, e.as<GeneratorExp>().elt.get(), nullptr, 3);
            break;
        case ExprKind::Await:
            expr(*e.as<Await>().value);
            u().line = e.pos.line;
            await_value(e.pos);
            break;
        case ExprKind::Yield: {
            if (!u().scope->is_function_like()) fail("'yield' outside function", e.pos);
            auto& y = e.as<Yield>();
            bool wrap = in_async_generator();
            // ASYNC_GEN_WRAP (compile.c): an async generator's yield hands its value
            // through the wrapper so __anext__() can tell it from an await's future.
            if (wrap) emit(Op::LOAD_CONST, add_const(async_gen_wrap_function()));
            if (y.value) expr(*y.value);
            else emit(Op::LOAD_CONST, add_const(Value::none()));
            if (wrap) emit(Op::CALL, 1);
            emit(Op::YIELD_VALUE);
            break;
        }
        case ExprKind::YieldFrom:
            if (!u().scope->is_function_like()) fail("'yield' outside function", e.pos);
            if (in_async_function()) fail("'yield from' inside async function", e.pos);
            expr(*e.as<YieldFrom>().value);
            emit(Op::GET_YIELD_FROM_ITER);
            emit(Op::YIELD_FROM);
            break;
        case ExprKind::Compare:
            compare(e.as<Compare>());
            break;
        case ExprKind::Call:
            call(e.as<Call>());
            break;
        case ExprKind::FormattedValue: {
            // Only inside a JoinedStr; handled there.
            fail("internal compiler error: bare formatted value", e.pos);
        }
        case ExprKind::JoinedStr:
            joined_str(e.as<JoinedStr>());
            break;
        case ExprKind::Constant: {
            auto& c = e.as<Constant>();
            Value v;
            switch (c.value_kind) {
                case ConstantKind::None: case ConstantKind::Ellipsis: v = Value::none(); break;
                case ConstantKind::True: v = Value::boolean(true); break;
                case ConstantKind::False: v = Value::boolean(false); break;
                case ConstantKind::Int:
                    if (c.int_overflow) {
                        fail("integer literal " + c.int_digits + " does not fit in 64 bits (tasklens scenarios use 64-bit ints)", e.pos);
                    }
                    v = Value::integer(c.int_value);
                    break;
                case ConstantKind::Float: v = Value::floating(c.float_value); break;
                case ConstantKind::Str: v = make_str(c.str_value); break;
            }
            emit(Op::LOAD_CONST, add_const(std::move(v)));
            break;
        }
        case ExprKind::Attribute: {
            auto& a = e.as<Attribute>();
            expr(*a.value);
            u().line = e.pos.line;
            emit(Op::LOAD_ATTR, add_name(a.attr));
            break;
        }
        case ExprKind::Subscript: {
            auto& s = e.as<Subscript>();
            expr(*s.value);
            slice_or_expr(*s.slice);
            u().line = e.pos.line;
            emit(Op::BINARY_SUBSCR);
            break;
        }
        case ExprKind::Starred:
            fail("can't use starred expression here", e.pos);
        case ExprKind::Name:
            load_name(e.as<Name>().id);
            break;
        case ExprKind::List:
            sequence_with_stars(e.as<List>().elts, Op::BUILD_LIST, Op::LIST_EXTEND, Op::LIST_APPEND);
            break;
        case ExprKind::Tuple: {
            auto& t = e.as<Tuple>();
            if (has_starred(t.elts)) {
                sequence_with_stars(t.elts, Op::BUILD_LIST, Op::LIST_EXTEND, Op::LIST_APPEND);
                emit(Op::LIST_TO_TUPLE);
            } else {
                for (auto& el : t.elts) expr(*el);
                emit(Op::BUILD_TUPLE, static_cast<uint32_t>(t.elts.size()));
            }
            break;
        }
        case ExprKind::Slice:
            slice_or_expr(e);
            break;
    }
    u().line = saved_line;
}

void CodeGen::compare(const Compare& c) {
    auto emit_op = [&](CmpOpKind k) {
        switch (k) {
            case CmpOpKind::Lt: emit(Op::COMPARE_OP, 0); break;
            case CmpOpKind::LtE: emit(Op::COMPARE_OP, 1); break;
            case CmpOpKind::Eq: emit(Op::COMPARE_OP, 2); break;
            case CmpOpKind::NotEq: emit(Op::COMPARE_OP, 3); break;
            case CmpOpKind::Gt: emit(Op::COMPARE_OP, 4); break;
            case CmpOpKind::GtE: emit(Op::COMPARE_OP, 5); break;
            case CmpOpKind::Is: emit(Op::IS_OP, 0); break;
            case CmpOpKind::IsNot: emit(Op::IS_OP, 1); break;
            case CmpOpKind::In: emit(Op::CONTAINS_OP, 0); break;
            case CmpOpKind::NotIn: emit(Op::CONTAINS_OP, 1); break;
        }
    };
    expr(*c.left);
    if (c.ops.size() == 1) {
        expr(*c.comparators[0]);
        emit_op(c.ops[0]);
        return;
    }
    std::vector<size_t> cleanups;
    for (size_t i = 0; i + 1 < c.ops.size(); ++i) {
        expr(*c.comparators[i]);   // x, y
        emit(Op::SWAP, 2);         // y, x
        emit(Op::COPY, 2);         // y, x, y
        emit_op(c.ops[i]);         // y, r
        cleanups.push_back(emit(Op::JUMP_IF_FALSE_OR_POP));
    }
    expr(*c.comparators.back());
    emit_op(c.ops.back());
    size_t jend = emit(Op::JUMP);
    int d = depth();
    for (size_t j : cleanups) patch_here(j);
    set_depth(d + 1);              // y, r
    emit(Op::SWAP, 2);
    emit(Op::POP_TOP);
    patch_here(jend);
    set_depth(d);
}

void CodeGen::call_args(const ExprList& args, const std::vector<Keyword>& kws, Op kw_op, Op plain_op, int) {
    bool starred = has_starred(args);
    bool spread = false;
    for (auto& k : kws) if (!k.arg) spread = true;
    if (!starred && !spread) {
        for (auto& a : args) expr(*a);
        if (kws.empty()) {
            emit(plain_op, static_cast<uint32_t>(args.size()));
            return;
        }
        std::vector<Value> names;
        for (auto& k : kws) {
            expr(*k.value);
            names.push_back(make_str(*k.arg));
        }
        emit(Op::LOAD_CONST, add_const(Value(new TupleObject(std::move(names)))));
        emit(kw_op, static_cast<uint32_t>(args.size() + kws.size()));
        return;
    }
    // f(*a, **k): one tuple and one dict.
    sequence_with_stars(args, Op::BUILD_LIST, Op::LIST_EXTEND, Op::LIST_APPEND);
    emit(Op::LIST_TO_TUPLE);
    if (kws.empty()) {
        emit(Op::CALL_EX, 0);
        return;
    }
    emit(Op::BUILD_MAP, 0);
    uint32_t run = 0;
    auto flush = [&] {
        if (run) {
            emit(Op::BUILD_MAP, run);
            emit(Op::DICT_MERGE, 1);
            run = 0;
        }
    };
    for (auto& k : kws) {
        if (k.arg) {
            emit(Op::LOAD_CONST, add_const(make_str(*k.arg)));
            expr(*k.value);
            ++run;
        } else {
            flush();
            expr(*k.value);
            emit(Op::DICT_MERGE, 1);
        }
    }
    flush();
    emit(Op::CALL_EX, 1);
}

void CodeGen::call(const Call& c) {
    bool simple = !has_starred(c.args);
    for (auto& k : c.keywords) if (!k.arg) simple = false;
    if (simple && c.func->is<Attribute>()) {
        auto& a = c.func->as<Attribute>();
        expr(*a.value);
        u().line = c.pos.line;
        emit(Op::LOAD_METHOD, add_name(a.attr));
        call_args(c.args, c.keywords, Op::CALL_METHOD_KW, Op::CALL_METHOD, 0);
        return;
    }
    expr(*c.func);
    u().line = c.pos.line;
    call_args(c.args, c.keywords, Op::CALL_KW, Op::CALL, 0);
}

void CodeGen::joined_str(const JoinedStr& j) {
    uint32_t n = 0;
    for (auto& v : j.values) {
        if (v->is<Constant>()) {
            emit(Op::LOAD_CONST, add_const(make_str(v->as<Constant>().str_value)));
        } else if (v->is<FormattedValue>()) {
            auto& f = v->as<FormattedValue>();
            expr(*f.value);
            uint32_t flags = 0;
            if (f.conversion == 's') flags = 1;
            else if (f.conversion == 'r') flags = 2;
            else if (f.conversion == 'a') flags = 3;
            if (f.format_spec) {
                joined_str(f.format_spec->as<JoinedStr>());
                flags |= 4;
            }
            emit(Op::FORMAT_VALUE, flags);
        } else {
            expr(*v);
        }
        ++n;
    }
    if (n == 0) emit(Op::LOAD_CONST, add_const(make_str("")));
    else if (n > 1 || !j.values[0]->is<FormattedValue>()) emit(Op::BUILD_STRING, n);
}

void CodeGen::comprehension(const Expr& node, const std::vector<Comprehension>& gens,
                            const Expr* elt, const Expr* value, int kind) {
    Scope* s = st_.scope_of(&node);
    static const char* const names[] = {"<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>"};
    bool async = s->is_coroutine;
    // An async generator expression is an async generator object, legal anywhere; an
    // async list/set/dict comprehension is awaited where it stands.
    if (async && kind != 3 && !in_async_function()) {
        fail("asynchronous comprehension outside of an asynchronous function", node.pos);
    }
    enter_unit(s, names[kind], qualname_for(names[kind], s), node.pos.line);
    u().code->arg_count = 1;
    if (kind == 0) emit(Op::BUILD_LIST, 0);
    else if (kind == 1) emit(Op::BUILD_SET, 0);
    else if (kind == 2) emit(Op::BUILD_MAP, 0);
    comprehension_generator(gens, 0, elt, value, kind);
    if (kind == 3) emit(Op::LOAD_CONST, add_const(Value::none()));
    emit(Op::RETURN_VALUE);
    CodeRef code = leave_unit();
    make_closure(code, 0);
    expr(*gens[0].iter);
    emit(gens[0].is_async ? Op::GET_AITER : Op::GET_ITER);
    u().line = node.pos.line;
    emit(Op::CALL, 1);
    if (async && kind != 3) {
        emit(Op::GET_AWAITABLE);
        emit(Op::YIELD_FROM);
    }
}

void CodeGen::comprehension_generator(const std::vector<Comprehension>& gens, size_t i,
                                      const Expr* elt, const Expr* value, int kind) {
    const Comprehension& g = gens[i];
    if (i == 0) {
        emit(Op::LOAD_FAST, 0);
    } else {
        expr(*g.iter);
        emit(g.is_async ? Op::GET_AITER : Op::GET_ITER);
    }
    size_t top = here();
    int base = depth();
    size_t fi;
    if (g.is_async) {
        // `async for` in a comprehension: the loop of async_for_stmt, StopAsyncIteration
        // from __anext__() ending it (compiler_async_comprehension_generator).
        fi = emit(Op::SETUP_FINALLY);
        emit(Op::GET_ANEXT);
        emit(Op::YIELD_FROM);
        emit(Op::POP_BLOCK);
    } else {
        fi = emit(Op::FOR_ITER);
    }
    assign_target(*g.target);
    for (auto& cond : g.ifs) {
        expr(*cond);
        emit(Op::POP_JUMP_IF_FALSE, static_cast<uint32_t>(top));
    }
    if (i + 1 < gens.size()) {
        comprehension_generator(gens, i + 1, elt, value, kind);
    } else {
        auto depth_arg = static_cast<uint32_t>(gens.size() + 1);
        switch (kind) {
            case 0: expr(*elt); emit(Op::LIST_APPEND, depth_arg); break;
            case 1: expr(*elt); emit(Op::SET_ADD, depth_arg); break;
            case 2: expr(*elt); expr(*value); emit(Op::MAP_ADD, depth_arg); break;
            default: {
                bool wrap = in_async_generator();
                if (wrap) emit(Op::LOAD_CONST, add_const(async_gen_wrap_function()));
                expr(*elt);
                if (wrap) emit(Op::CALL, 1);
                emit(Op::YIELD_VALUE);
                emit(Op::POP_TOP);
                break;
            }
        }
    }
    emit(Op::JUMP, static_cast<uint32_t>(top));
    patch_here(fi);
    if (g.is_async) {
        set_depth(base + 1);  // the async iterator and the exception
        emit(Op::END_ASYNC_FOR);
    } else {
        set_depth(depth() - 1);
    }
}

}  // namespace tl::script
