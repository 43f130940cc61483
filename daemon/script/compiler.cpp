// Statement compilation, scopes and control flow for the scenario compiler: a port of
// the shape of CPython's compile.c (3.11) onto a block-stack VM: SETUP_FINALLY/POP_BLOCK
// around protected regions, PUSH_EXC_INFO/POP_EXCEPT around handlers, and `finally`
// bodies compiled inline on every exit path (fall-through, break, continue, return).
#include "daemon/script/compiler.h"

#include "daemon/object/containers.h"
#include "daemon/object/str.h"
#include "daemon/script/compiler_internal.h"

namespace tl::script {

using namespace ast;

// ---- emission ------------------------------------------------------------------------

size_t CodeGen::emit(Op op, uint32_t arg) {
    CodeUnit& cu = u();
    size_t at = cu.code->code.size();
    cu.code->code.push_back(encode(op, arg));
    cu.code->lines.push_back(cu.line);
    cu.depth += stack_effect(op, arg);
    if (cu.depth > cu.code->max_stack) cu.code->max_stack = cu.depth;
    return at;
}

void CodeGen::patch(size_t at, size_t target) {
    uint32_t& w = u().code->code[at];
    w = encode(op_of(w), static_cast<uint32_t>(target));
}

uint32_t CodeGen::add_const(Value v) {
    auto& consts = u().code->consts;
    // Small constants are shared; others (code objects, strings) are appended.
    for (size_t i = 0; i < consts.size(); ++i) {
        const Value& c = consts[i];
        if (c.tag() != v.tag()) continue;
        if (c.is_obj()) {
            const std::string* a = str_of(c);
            const std::string* b = str_of(v);
            if (a && b && *a == *b && c.as_obj()->type() == v.as_obj()->type()) return static_cast<uint32_t>(i);
            continue;
        }
        if (c.is(v)) return static_cast<uint32_t>(i);
    }
    consts.push_back(std::move(v));
    return static_cast<uint32_t>(consts.size() - 1);
}

uint32_t CodeGen::add_name(const std::string& n) {
    auto& idx = u().name_index;
    auto it = idx.find(n);
    if (it != idx.end()) return it->second;
    auto i = static_cast<uint32_t>(u().code->names.size());
    u().code->names.push_back(n);
    idx[n] = i;
    return i;
}

void CodeGen::fail(const std::string& msg, const Position& pos) {
    throw CompileFailure{CompileError{msg, pos.line, pos.col}};
}

// ---- units ------------------------------------------------------------------------------

void CodeGen::enter_unit(Scope* s, const std::string& name, const std::string& qualname, int line) {
    CodeUnit cu;
    cu.scope = s;
    cu.code = CodeRef(new CodeObject());
    cu.code->name = name;
    cu.code->qualname = qualname;
    cu.code->filename = filename_;
    cu.code->first_line = line;
    cu.code->varnames = s->varnames;
    cu.code->cellvars = s->cellvars;
    cu.code->freevars = s->freevars;
    for (auto& c : s->cellvars) {
        int slot = -1;
        for (size_t i = 0; i < s->varnames.size(); ++i) {
            if (s->varnames[i] == c) slot = static_cast<int>(i);
        }
        Symbol* sy = s->find(c);
        if (sy && !sy->param) slot = -1;
        cu.code->cell_param_slot.push_back(slot);
    }
    if (s->is_generator) cu.code->flags |= kFlagGenerator;
    if (s->is_coroutine) cu.code->flags |= kFlagCoroutine;
    if (s->kind == ScopeKind::Class) cu.code->flags |= kFlagClassBody;
    if (s->kind == ScopeKind::Module) cu.code->flags |= kFlagModule;
    cu.line = line;
    units_.push_back(std::move(cu));
}

CodeRef CodeGen::leave_unit() {
    CodeRef c = std::move(u().code);
    c->global_slot.assign(c->names.size(), -1);
    c->builtin_cache.resize(c->names.size());
    c->method_cache.resize(c->names.size());
    c->module_attr_cache.resize(c->names.size());
    c->max_stack += 2;  // headroom for the handler entry values
    // Each block-pushing instruction has at most one live block at a time, so their
    // count bounds the block stack.
    c->max_blocks = 0;
    for (uint32_t w : c->code) {
        if (op_of(w) == Op::SETUP_FINALLY || op_of(w) == Op::SETUP_WITH || op_of(w) == Op::PUSH_EXC_INFO) ++c->max_blocks;
    }
    units_.pop_back();
    return c;
}

std::string CodeGen::qualname_for(const std::string& name, Scope*) {
    const CodeUnit& parent = u();
    switch (parent.scope->kind) {
        case ScopeKind::Module: return name;
        case ScopeKind::Class: return parent.code->qualname + "." + name;
        default: return parent.code->qualname + ".<locals>." + name;
    }
}

bool CodeGen::in_async_function() const {
    return (u().code->flags & kFlagCoroutine) != 0;
}

// ---- names ------------------------------------------------------------------------------

uint32_t CodeGen::cell_index(const std::string& id) {
    auto& code = *u().code;
    for (size_t i = 0; i < code.cellvars.size(); ++i) {
        if (code.cellvars[i] == id) return static_cast<uint32_t>(i);
    }
    for (size_t i = 0; i < code.freevars.size(); ++i) {
        if (code.freevars[i] == id) return static_cast<uint32_t>(code.cellvars.size() + i);
    }
    fail("internal compiler error: no cell for '" + id + "'", {});
}

static uint32_t fast_index(const CodeObject& code, const std::string& id) {
    for (size_t i = 0; i < code.varnames.size(); ++i) {
        if (code.varnames[i] == id) return static_cast<uint32_t>(i);
    }
    return kMaxArg;
}

void CodeGen::load_name(const std::string& id) {
    Scope* s = u().scope;
    Symbol* sy = s->find(id);
    NameKind k = sy ? sy->kind : NameKind::GlobalImplicit;
    if (s->kind == ScopeKind::Module) { emit(Op::LOAD_GLOBAL, add_name(id)); return; }
    if (s->kind == ScopeKind::Class) {
        if (k == NameKind::GlobalExplicit) emit(Op::LOAD_GLOBAL, add_name(id));
        else if (k == NameKind::Free) emit(Op::LOAD_CLASSDEREF, cell_index(id));
        else emit(Op::LOAD_NAME, add_name(id));
        return;
    }
    switch (k) {
        case NameKind::Fast: emit(Op::LOAD_FAST, fast_index(*u().code, id)); break;
        case NameKind::Cell: case NameKind::Free: emit(Op::LOAD_DEREF, cell_index(id)); break;
        default: emit(Op::LOAD_GLOBAL, add_name(id)); break;
    }
}

void CodeGen::store_name(const std::string& id) {
    Scope* s = u().scope;
    Symbol* sy = s->find(id);
    NameKind k = sy ? sy->kind : NameKind::GlobalImplicit;
    if (s->kind == ScopeKind::Module) { emit(Op::STORE_GLOBAL, add_name(id)); return; }
    if (s->kind == ScopeKind::Class) {
        if (k == NameKind::GlobalExplicit) emit(Op::STORE_GLOBAL, add_name(id));
        else if (k == NameKind::Free && sy->nonlocal_decl) emit(Op::STORE_DEREF, cell_index(id));
        else emit(Op::STORE_NAME, add_name(id));
        return;
    }
    switch (k) {
        case NameKind::Fast: emit(Op::STORE_FAST, fast_index(*u().code, id)); break;
        case NameKind::Cell: case NameKind::Free: emit(Op::STORE_DEREF, cell_index(id)); break;
        default: emit(Op::STORE_GLOBAL, add_name(id)); break;
    }
}

void CodeGen::delete_name(const std::string& id) {
    Scope* s = u().scope;
    Symbol* sy = s->find(id);
    NameKind k = sy ? sy->kind : NameKind::GlobalImplicit;
    if (s->kind == ScopeKind::Module) { emit(Op::DELETE_GLOBAL, add_name(id)); return; }
    if (s->kind == ScopeKind::Class) {
        if (k == NameKind::GlobalExplicit) emit(Op::DELETE_GLOBAL, add_name(id));
        else emit(Op::DELETE_NAME, add_name(id));
        return;
    }
    switch (k) {
        case NameKind::Fast: emit(Op::DELETE_FAST, fast_index(*u().code, id)); break;
        case NameKind::Cell: case NameKind::Free: emit(Op::DELETE_DEREF, cell_index(id)); break;
        default: emit(Op::DELETE_GLOBAL, add_name(id)); break;
    }
}

// ---- module -------------------------------------------------------------------------------

CodeRef CodeGen::module(const Module& m) {
    enter_unit(st_.module_scope(), "<module>", "<module>", 1);
    body(m.body);
    emit(Op::LOAD_CONST, add_const(Value::none()));
    emit(Op::RETURN_VALUE);
    return leave_unit();
}

// ---- statements ----------------------------------------------------------------------------

void CodeGen::stmt(const Stmt& s) {
    u().line = s.pos.line;
    u().stmt_pos = s.pos;
    switch (s.kind) {
        case StmtKind::FunctionDef: case StmtKind::AsyncFunctionDef:
            function_def(s.as<FunctionDef>());
            break;
        case StmtKind::ClassDef:
            class_def(s.as<ClassDef>());
            break;
        case StmtKind::Return: {
            auto& r = s.as<Return>();
            if (u().scope->kind == ScopeKind::Module || u().scope->kind == ScopeKind::Class) {
                fail("'return' outside function", s.pos);
            }
            if (r.value && (u().code->flags & kFlagGenerator) && (u().code->flags & kFlagCoroutine)) {
                fail("'return' with value in async generator", s.pos);
            }
            if (r.value) expr(*r.value);
            else emit(Op::LOAD_CONST, add_const(Value::none()));
            unwind_all_for_return(true);
            u().line = s.pos.line;
            emit(Op::RETURN_VALUE);
            break;
        }
        case StmtKind::Delete:
            for (auto& t : s.as<Delete>().targets) {
                const Expr& e = *t;
                switch (e.kind) {
                    case ExprKind::Name: delete_name(e.as<Name>().id); break;
                    case ExprKind::Attribute:
                        expr(*e.as<Attribute>().value);
                        emit(Op::DELETE_ATTR, add_name(e.as<Attribute>().attr));
                        break;
                    case ExprKind::Subscript:
                        expr(*e.as<Subscript>().value);
                        slice_or_expr(*e.as<Subscript>().slice);
                        emit(Op::DELETE_SUBSCR);
                        break;
                    case ExprKind::Tuple: case ExprKind::List: {
                        const ExprList& elts = e.is<Tuple>() ? e.as<Tuple>().elts : e.as<List>().elts;
                        for (auto& el : elts) {
                            if (el->is<Name>()) delete_name(el->as<Name>().id);
                            else fail("cannot delete this target", el->pos);
                        }
                        break;
                    }
                    default: fail("cannot delete expression", e.pos);
                }
            }
            break;
        case StmtKind::Assign: {
            auto& a = s.as<Assign>();
            expr(*a.value);
            for (size_t i = 0; i < a.targets.size(); ++i) {
                if (i + 1 < a.targets.size()) emit(Op::COPY, 1);
                assign_target(*a.targets[i]);
            }
            break;
        }
        case StmtKind::AugAssign: {
            auto& a = s.as<AugAssign>();
            uint32_t op = 0x100;
            switch (a.op) {
                case BinOpKind::Add: op |= 0; break;
                case BinOpKind::Sub: op |= 1; break;
                case BinOpKind::Mult: op |= 2; break;
                case BinOpKind::MatMult: op |= 3; break;
                case BinOpKind::Div: op |= 4; break;
                case BinOpKind::FloorDiv: op |= 5; break;
                case BinOpKind::Mod: op |= 6; break;
                case BinOpKind::Pow: op |= 7; break;
                case BinOpKind::LShift: op |= 8; break;
                case BinOpKind::RShift: op |= 9; break;
                case BinOpKind::BitAnd: op |= 10; break;
                case BinOpKind::BitOr: op |= 11; break;
                case BinOpKind::BitXor: op |= 12; break;
            }
            const Expr& t = *a.target;
            if (t.is<Name>()) {
                load_name(t.as<Name>().id);
                expr(*a.value);
                u().line = s.pos.line;
                emit(Op::BINARY_OP, op);
                store_name(t.as<Name>().id);
            } else if (t.is<Attribute>()) {
                expr(*t.as<Attribute>().value);
                emit(Op::COPY, 1);
                emit(Op::LOAD_ATTR, add_name(t.as<Attribute>().attr));
                expr(*a.value);
                u().line = s.pos.line;
                emit(Op::BINARY_OP, op);
                emit(Op::SWAP, 2);
                emit(Op::STORE_ATTR, add_name(t.as<Attribute>().attr));
            } else if (t.is<Subscript>()) {
                expr(*t.as<Subscript>().value);
                slice_or_expr(*t.as<Subscript>().slice);
                emit(Op::COPY, 2);
                emit(Op::COPY, 2);
                emit(Op::BINARY_SUBSCR);
                expr(*a.value);
                u().line = s.pos.line;
                emit(Op::BINARY_OP, op);
                emit(Op::SWAP, 3);
                emit(Op::SWAP, 2);
                emit(Op::STORE_SUBSCR);
            } else {
                fail("'" + std::string(name_of(t.kind)) + "' is an illegal expression for augmented assignment", t.pos);
            }
            break;
        }
        case StmtKind::AnnAssign: {
            auto& a = s.as<AnnAssign>();
            if (a.value) {
                expr(*a.value);
                assign_target(*a.target);
            }
            break;
        }
        case StmtKind::For:
            for_stmt(s.as<For>());
            break;
        case StmtKind::AsyncFor:
            if (!in_async_function()) fail("'async for' outside async function", s.pos);
            async_for_stmt(s.as<For>());
            break;
        case StmtKind::While:
            while_stmt(s.as<While>());
            break;
        case StmtKind::If: {
            auto& i = s.as<If>();
            expr(*i.test);
            size_t jf = emit(Op::POP_JUMP_IF_FALSE);
            body(i.body);
            if (!i.orelse.empty()) {
                size_t je = emit(Op::JUMP);
                patch_here(jf);
                body(i.orelse);
                patch_here(je);
            } else {
                patch_here(jf);
            }
            break;
        }
        case StmtKind::With: case StmtKind::AsyncWith: {
            auto& w = s.as<With>();
            if (w.is_async() && !in_async_function()) fail("'async with' outside async function", s.pos);
            with_stmt(w, 0);
            break;
        }
        case StmtKind::Raise: {
            auto& r = s.as<Raise>();
            uint32_t n = 0;
            if (r.exc) { expr(*r.exc); ++n; }
            if (r.cause) { expr(*r.cause); ++n; }
            u().line = s.pos.line;
            emit(Op::RAISE_VARARGS, n);
            break;
        }
        case StmtKind::Try: case StmtKind::TryStar:
            try_stmt(s.as<Try>());
            break;
        case StmtKind::Assert: {
            auto& a = s.as<Assert>();
            expr(*a.test);
            size_t jt = emit(Op::POP_JUMP_IF_TRUE);
            u().line = s.pos.line;
            emit(Op::LOAD_ASSERTION_ERROR);
            if (a.msg) {
                expr(*a.msg);
                emit(Op::CALL, 1);
            }
            emit(Op::RAISE_VARARGS, 1);
            patch_here(jt);
            break;
        }
        case StmtKind::Import: case StmtKind::ImportFrom:
            import_stmt(s);
            break;
        case StmtKind::Global: case StmtKind::Nonlocal: case StmtKind::Pass:
            break;
        case StmtKind::Expr: {
            const Expr& e = *s.as<ExprStmt>().value;
            if (e.is<Constant>()) break;  // docstrings, `...`
            expr(e);
            emit(Op::POP_TOP);
            break;
        }
        case StmtKind::Break:
            break_or_continue(true, s.pos);
            break;
        case StmtKind::Continue:
            break_or_continue(false, s.pos);
            break;
    }
}

void CodeGen::import_stmt(const Stmt& s) {
    if (s.is<Import>()) {
        for (auto& a : s.as<Import>().names) {
            if (a.name.find('.') != std::string::npos) {
                fail("module '" + a.name + "' is not available in tasklens scenarios", a.pos);
            }
            emit(Op::IMPORT_NAME, add_name(a.name));
            store_name(a.asname ? *a.asname : a.name);
        }
        return;
    }
    auto& f = s.as<ImportFrom>();
    if (f.level > 0 || !f.module) fail("relative imports are not supported in tasklens scenarios", s.pos);
    emit(Op::IMPORT_NAME, add_name(*f.module));
    for (auto& a : f.names) {
        emit(Op::IMPORT_FROM, add_name(a.name));
        store_name(a.asname ? *a.asname : a.name);
    }
    emit(Op::POP_TOP);
}

void CodeGen::assign_target(const Expr& t) {
    switch (t.kind) {
        case ExprKind::Name:
            store_name(t.as<Name>().id);
            break;
        case ExprKind::Attribute:
            expr(*t.as<Attribute>().value);
            emit(Op::STORE_ATTR, add_name(t.as<Attribute>().attr));
            break;
        case ExprKind::Subscript:
            expr(*t.as<Subscript>().value);
            slice_or_expr(*t.as<Subscript>().slice);
            emit(Op::STORE_SUBSCR);
            break;
        case ExprKind::Tuple: case ExprKind::List: {
            const ExprList& elts = t.is<Tuple>() ? t.as<Tuple>().elts : t.as<List>().elts;
            size_t star = elts.size();
            for (size_t i = 0; i < elts.size(); ++i) {
                if (elts[i]->is<Starred>()) {
                    // symtable.c reports this at the whole target, as CPython does.
                    if (star != elts.size()) fail("multiple starred expressions in assignment", t.pos);
                    star = i;
                }
            }
            if (star == elts.size()) {
                emit(Op::UNPACK_SEQUENCE, static_cast<uint32_t>(elts.size()));
            } else {
                size_t after = elts.size() - star - 1;
                if (star > 255 || after > 255) fail("too many expressions in star-unpacking assignment", t.pos);
                emit(Op::UNPACK_EX, static_cast<uint32_t>(star | (after << 8)));
            }
            for (auto& el : elts) {
                assign_target(el->is<Starred>() ? *el->as<Starred>().value : *el);
            }
            break;
        }
        case ExprKind::Starred:
            fail("starred assignment target must be in a list or tuple", t.pos);
        default:
            fail("cannot assign to expression", t.pos);
    }
}

// ---- functions and classes ----------------------------------------------------------------

void CodeGen::make_closure(CodeRef code, uint32_t flags) {
    if (!code->freevars.empty()) {
        for (auto& fv : code->freevars) emit(Op::LOAD_CLOSURE, cell_index(fv));
        emit(Op::BUILD_TUPLE, static_cast<uint32_t>(code->freevars.size()));
        flags |= 8;
    }
    emit(Op::LOAD_CONST, add_const(Value(code)));
    emit(Op::MAKE_FUNCTION, flags);
}

static uint32_t emit_defaults(CodeGen& g, const Arguments& a) {
    uint32_t flags = 0;
    if (!a.defaults.empty()) {
        for (auto& d : a.defaults) g.expr(*d);
        g.emit(Op::BUILD_TUPLE, static_cast<uint32_t>(a.defaults.size()));
        flags |= 1;
    }
    uint32_t nkw = 0;
    for (size_t i = 0; i < a.kwonlyargs.size(); ++i) {
        if (i < a.kw_defaults.size() && a.kw_defaults[i]) {
            g.emit(Op::LOAD_CONST, g.add_const(make_str(a.kwonlyargs[i].name)));
            g.expr(*a.kw_defaults[i]);
            ++nkw;
        }
    }
    if (nkw) {
        g.emit(Op::BUILD_MAP, nkw);
        flags |= 2;
    }
    return flags;
}

static void set_arg_counts(CodeObject& c, const Arguments& a) {
    c.posonly_count = static_cast<int>(a.posonlyargs.size());
    c.arg_count = static_cast<int>(a.posonlyargs.size() + a.args.size());
    c.kwonly_count = static_cast<int>(a.kwonlyargs.size());
    if (a.vararg) c.flags |= kFlagVarargs;
    if (a.kwarg) c.flags |= kFlagVarkw;
}

void CodeGen::function_def(const FunctionDef& f) {
    for (auto& d : f.decorator_list) expr(*d);
    uint32_t flags = emit_defaults(*this, f.args);
    Scope* s = st_.scope_of(&f);
    std::string qn = qualname_for(f.name, s);
    int line = f.pos.line;
    enter_unit(s, f.name, qn, line);
    set_arg_counts(*u().code, f.args);
    body(f.body);
    emit(Op::LOAD_CONST, add_const(Value::none()));
    emit(Op::RETURN_VALUE);
    CodeRef code = leave_unit();
    u().line = line;
    make_closure(code, flags);
    for (size_t i = 0; i < f.decorator_list.size(); ++i) emit(Op::CALL, 1);
    store_name(f.name);
}

void CodeGen::class_def(const ClassDef& c) {
    for (auto& d : c.decorator_list) expr(*d);
    for (auto& k : c.keywords) {
        if (k.arg != "metaclass") fail("class keyword arguments are not supported", k.pos);
        fail("metaclasses are not supported in tasklens scenarios", k.pos);
    }
    Scope* s = st_.scope_of(&c);
    std::string qn = qualname_for(c.name, s);
    enter_unit(s, c.name, qn, c.pos.line);
    load_name("__name__");
    store_name("__module__");
    emit(Op::LOAD_CONST, add_const(make_str(qn)));
    store_name("__qualname__");
    body(c.body);
    if (s->needs_class_cell) {
        emit(Op::LOAD_CLOSURE, cell_index("__class__"));
        emit(Op::STORE_NAME, add_name("__classcell__"));
    }
    emit(Op::LOAD_CONST, add_const(Value::none()));
    emit(Op::RETURN_VALUE);
    CodeRef code = leave_unit();
    u().line = c.pos.line;
    make_closure(code, 0);
    emit(Op::LOAD_CONST, add_const(make_str(c.name)));
    for (auto& b : c.bases) {
        if (b->is<Starred>()) fail("starred base classes are not supported", b->pos);
        expr(*b);
    }
    emit(Op::BUILD_TUPLE, static_cast<uint32_t>(c.bases.size()));
    emit(Op::BUILD_CLASS, 1);
    for (size_t i = 0; i < c.decorator_list.size(); ++i) emit(Op::CALL, 1);
    store_name(c.name);
}

// ---- loops ------------------------------------------------------------------------------------

void CodeGen::for_stmt(const For& f) {
    expr(*f.iter);
    emit(Op::GET_ITER);
    size_t top = here();
    size_t fi = emit(Op::FOR_ITER);
    u().fblocks.push_back(FBlock{FBlockKind::ForLoop, top, {}, nullptr, nullptr});
    assign_target(*f.target);
    body(f.body);
    emit(Op::JUMP, static_cast<uint32_t>(top));
    FBlock fb = std::move(u().fblocks.back());
    u().fblocks.pop_back();
    patch_here(fi);
    set_depth(depth() - 1);  // FOR_ITER's exit path popped the iterator
    body(f.orelse);
    for (size_t b : fb.breaks) patch_here(b);
}

void CodeGen::async_for_stmt(const For& f) {
    expr(*f.iter);
    emit(Op::GET_AITER);
    size_t top = here();
    int base = depth();
    size_t setup = emit(Op::SETUP_FINALLY);
    emit(Op::GET_ANEXT);
    emit(Op::YIELD_FROM);
    emit(Op::POP_BLOCK);
    u().fblocks.push_back(FBlock{FBlockKind::AsyncForLoop, top, {}, nullptr, nullptr});
    assign_target(*f.target);
    body(f.body);
    emit(Op::JUMP, static_cast<uint32_t>(top));
    FBlock fb = std::move(u().fblocks.back());
    u().fblocks.pop_back();
    patch_here(setup);
    set_depth(base + 1);  // aiter, exc
    emit(Op::END_ASYNC_FOR);
    body(f.orelse);
    for (size_t b : fb.breaks) patch_here(b);
}

void CodeGen::while_stmt(const While& w) {
    size_t top = here();
    expr(*w.test);
    size_t jf = emit(Op::POP_JUMP_IF_FALSE);
    u().fblocks.push_back(FBlock{FBlockKind::WhileLoop, top, {}, nullptr, nullptr});
    body(w.body);
    emit(Op::JUMP, static_cast<uint32_t>(top));
    FBlock fb = std::move(u().fblocks.back());
    u().fblocks.pop_back();
    patch_here(jf);
    body(w.orelse);
    for (size_t b : fb.breaks) patch_here(b);
}

// ---- unwinding (compiler_unwind_fblock) ---------------------------------------------------------

void CodeGen::reset_handler_name(const std::string* name) {
    if (!name) return;
    emit(Op::LOAD_CONST, add_const(Value::none()));
    store_name(*name);
    delete_name(*name);
}

void CodeGen::unwind(const FBlock& fb, bool preserve_tos) {
    switch (fb.kind) {
        case FBlockKind::WhileLoop:
            break;
        case FBlockKind::ForLoop: case FBlockKind::AsyncForLoop:
            if (preserve_tos) emit(Op::SWAP, 2);
            emit(Op::POP_TOP);
            break;
        case FBlockKind::TryExcept:
            emit(Op::POP_BLOCK);
            break;
        case FBlockKind::Finally: {
            // Callers have already popped this block, so a `break` in the finally body
            // does not unwind it again.
            emit(Op::POP_BLOCK);
            body(*fb.finalbody);
            break;
        }
        case FBlockKind::FinallyEnd:
            if (preserve_tos) emit(Op::SWAP, 2);
            emit(Op::POP_TOP);  // the exception being handled
            emit(Op::POP_EXCEPT);
            break;
        case FBlockKind::HandlerCleanup:
            emit(Op::POP_EXCEPT);
            reset_handler_name(fb.handler_name);
            break;
        case FBlockKind::ExceptStarClause:
            fail("'break', 'continue' and 'return' cannot appear in an except* block", u().stmt_pos);
        case FBlockKind::With: case FBlockKind::AsyncWith:
            emit(Op::POP_BLOCK);
            if (preserve_tos) emit(Op::SWAP, 2);
            emit(Op::LOAD_CONST, add_const(Value::none()));
            emit(Op::LOAD_CONST, add_const(Value::none()));
            emit(Op::LOAD_CONST, add_const(Value::none()));
            emit(Op::CALL, 3);
            if (fb.kind == FBlockKind::AsyncWith) {
                emit(Op::GET_AWAITABLE);
                emit(Op::YIELD_FROM);
            }
            emit(Op::POP_TOP);
            break;
    }
}

void CodeGen::unwind_all_for_return(bool preserve_tos) {
    // Walk outwards, compiling each block's exit; the stack of fblocks is restored
    // afterwards because the code after the return is still inside them.
    std::vector<FBlock> saved = u().fblocks;
    while (!u().fblocks.empty()) {
        FBlock fb = u().fblocks.back();
        u().fblocks.pop_back();
        unwind(fb, preserve_tos);
    }
    u().fblocks = std::move(saved);
}

void CodeGen::break_or_continue(bool is_break, const Position& pos) {
    std::vector<FBlock> saved = u().fblocks;
    int saved_depth = depth();
    while (true) {
        if (u().fblocks.empty()) {
            fail(is_break ? "'break' outside loop" : "'continue' not properly in loop", pos);
        }
        FBlock fb = u().fblocks.back();
        bool loop = fb.kind == FBlockKind::WhileLoop || fb.kind == FBlockKind::ForLoop ||
                    fb.kind == FBlockKind::AsyncForLoop;
        if (loop) {
            if (is_break) {
                u().fblocks.pop_back();
                unwind(fb, false);
                size_t j = emit(Op::JUMP);
                u().fblocks = saved;
                // Record the jump on the loop's entry in the restored stack.
                for (size_t i = saved.size(); i-- > 0;) {
                    auto k = u().fblocks[i].kind;
                    if (k == FBlockKind::WhileLoop || k == FBlockKind::ForLoop || k == FBlockKind::AsyncForLoop) {
                        u().fblocks[i].breaks.push_back(j);
                        break;
                    }
                }
            } else {
                emit(Op::JUMP, static_cast<uint32_t>(fb.continue_target));
                u().fblocks = saved;
            }
            set_depth(saved_depth);
            return;
        }
        u().fblocks.pop_back();
        unwind(fb, false);
    }
}

// ---- try ----------------------------------------------------------------------------------------

void CodeGen::try_stmt(const Try& t) {
    if (t.finalbody.empty()) {
        if (t.is_star()) try_star_except(t); else try_except(t);
        return;
    }
    // try/finally around the (try/except) statement.
    int base = depth();
    size_t setup = emit(Op::SETUP_FINALLY);
    u().fblocks.push_back(FBlock{FBlockKind::Finally, 0, {}, &t.finalbody, nullptr});
    if (t.handlers.empty()) {
        body(t.body);
        body(t.orelse);
    } else if (t.is_star()) {
        try_star_except(t);
    } else {
        try_except(t);
    }
    u().fblocks.pop_back();
    emit(Op::POP_BLOCK);
    body(t.finalbody);
    size_t jend = emit(Op::JUMP);
    patch_here(setup);
    set_depth(base + 1);
    emit(Op::PUSH_EXC_INFO);
    u().fblocks.push_back(FBlock{FBlockKind::FinallyEnd, 0, {}, nullptr, nullptr});
    body(t.finalbody);
    u().fblocks.pop_back();
    emit(Op::RERAISE);  // leaves the handler through unwinding, which pops its block
    patch_here(jend);
    set_depth(base);
}

void CodeGen::try_except(const Try& t) {
    int base = depth();
    size_t setup = emit(Op::SETUP_FINALLY);
    u().fblocks.push_back(FBlock{FBlockKind::TryExcept, 0, {}, nullptr, nullptr});
    body(t.body);
    u().fblocks.pop_back();
    emit(Op::POP_BLOCK);
    body(t.orelse);
    size_t jend = emit(Op::JUMP);
    std::vector<size_t> ends{jend};
    patch_here(setup);
    set_depth(base + 1);
    emit(Op::PUSH_EXC_INFO);
    for (size_t i = 0; i < t.handlers.size(); ++i) {
        const ExceptHandler& h = t.handlers[i];
        u().line = h.pos.line;
        if (!h.type && i + 1 != t.handlers.size()) fail("default 'except:' must be last", h.pos);
        size_t next = 0;
        if (h.type) {
            expr(*h.type);
            emit(Op::CHECK_EXC_MATCH);
            next = emit(Op::POP_JUMP_IF_FALSE);
        }
        if (h.name) store_name(*h.name);
        else emit(Op::POP_TOP);
        u().fblocks.push_back(FBlock{FBlockKind::HandlerCleanup, 0, {}, nullptr, h.name ? &*h.name : nullptr});
        body(h.body);
        u().fblocks.pop_back();
        emit(Op::POP_EXCEPT);
        reset_handler_name(h.name ? &*h.name : nullptr);
        ends.push_back(emit(Op::JUMP));
        if (h.type) patch_here(next);
        set_depth(base + 1);
    }
    // No handler matched: re-raise, leaving the handler block by unwinding.
    emit(Op::RERAISE);
    for (size_t e : ends) patch_here(e);
    set_depth(base);
}

// except* (CPython 3.11's compiler_try_star_except): each clause splits off the part of
// the group it matches, runs with it, and whatever was raised or left over is
// recombined at the end by PREP_RERAISE_STAR.
void CodeGen::try_star_except(const Try& t) {
    int base = depth();
    size_t setup = emit(Op::SETUP_FINALLY);
    u().fblocks.push_back(FBlock{FBlockKind::TryExcept, 0, {}, nullptr, nullptr});
    body(t.body);
    u().fblocks.pop_back();
    emit(Op::POP_BLOCK);
    body(t.orelse);
    size_t jend = emit(Op::JUMP);
    patch_here(setup);
    set_depth(base + 1);
    // stack: orig
    emit(Op::PUSH_EXC_INFO);
    emit(Op::COPY, 1);                 // orig, rest
    emit(Op::BUILD_LIST, 0);           // orig, rest, raised
    emit(Op::SWAP, 2);                 // orig, raised, rest
    for (auto& h : t.handlers) {
        u().line = h.pos.line;
        if (!h.type) fail("expected one or more exception types", h.pos);
        expr(*h.type);                 // orig, raised, rest, type
        emit(Op::CHECK_EG_MATCH);      // orig, raised, rest', match
        emit(Op::COPY, 1);
        size_t no_match = emit(Op::POP_JUMP_IF_NONE);  // orig, raised, rest', match
        // Run the clause with the match as the handled exception, in its own try
        // block so what it raises is collected.
        emit(Op::PUSH_EXC_INFO);
        if (h.name) store_name(*h.name);
        else emit(Op::POP_TOP);        // orig, raised, rest'
        int inner = depth();
        size_t hsetup = emit(Op::SETUP_FINALLY);
        u().fblocks.push_back(FBlock{FBlockKind::ExceptStarClause, 0, {}, nullptr, nullptr});
        body(h.body);
        u().fblocks.pop_back();
        emit(Op::POP_BLOCK);
        emit(Op::POP_EXCEPT);
        reset_handler_name(h.name ? &*h.name : nullptr);
        size_t next = emit(Op::JUMP);
        patch_here(hsetup);
        set_depth(inner + 1);          // orig, raised, rest', exc_raised
        emit(Op::POP_EXCEPT);
        reset_handler_name(h.name ? &*h.name : nullptr);
        emit(Op::LIST_APPEND, 2);      // raised.append(exc_raised)
        size_t j2 = emit(Op::JUMP);
        patch_here(no_match);
        set_depth(inner + 1);
        emit(Op::POP_TOP);             // the None match
        patch_here(next);
        patch_here(j2);
        set_depth(inner);
    }
    // orig, raised, rest
    emit(Op::LIST_APPEND, 1);          // raised.append(rest)
    emit(Op::PREP_RERAISE_STAR);       // orig, result  (consumes raised, keeps orig below)
    emit(Op::COPY, 1);
    size_t nothing = emit(Op::POP_JUMP_IF_NONE);
    emit(Op::SWAP, 2);
    emit(Op::POP_TOP);                 // result
    emit(Op::RERAISE);                 // raised as is, leaving the handler by unwinding
    patch_here(nothing);
    set_depth(base + 2);
    emit(Op::POP_TOP);
    emit(Op::POP_TOP);
    emit(Op::POP_EXCEPT);
    patch_here(jend);
    set_depth(base);
}

// ---- with ---------------------------------------------------------------------------------

void CodeGen::with_stmt(const With& w, size_t item) {
    const WithItem& it = w.items[item];
    bool async = w.is_async();
    expr(*it.context_expr);
    u().line = w.pos.line;
    if (async) {
        emit(Op::BEFORE_ASYNC_WITH);
        emit(Op::GET_AWAITABLE);
        emit(Op::YIELD_FROM);
    } else {
        emit(Op::BEFORE_WITH);
    }
    // The block covers binding the `as` target, as CPython's SETUP_WITH does: __exit__
    // sees an exception raised while storing the enter value.
    int base = depth() - 1;  // exit is on the stack, the enter value above it
    size_t setup = emit(Op::SETUP_WITH);
    if (it.optional_vars) assign_target(*it.optional_vars);
    else emit(Op::POP_TOP);
    u().fblocks.push_back(FBlock{async ? FBlockKind::AsyncWith : FBlockKind::With, 0, {}, nullptr, nullptr});
    if (item + 1 < w.items.size()) with_stmt(w, item + 1);
    else body(w.body);
    FBlock fb = u().fblocks.back();
    u().fblocks.pop_back();
    u().line = w.pos.line;
    unwind(fb, false);  // POP_BLOCK + exit(None, None, None)
    size_t jend = emit(Op::JUMP);
    patch_here(setup);
    set_depth(base + 1);  // exit, exc
    emit(Op::PUSH_EXC_INFO);
    emit(Op::WITH_EXCEPT_START);
    if (async) {
        emit(Op::GET_AWAITABLE);
        emit(Op::YIELD_FROM);
    }
    size_t jsup = emit(Op::POP_JUMP_IF_TRUE);
    emit(Op::RERAISE);
    patch_here(jsup);
    set_depth(base + 1);
    emit(Op::POP_TOP);
    emit(Op::POP_EXCEPT);
    emit(Op::POP_TOP);
    patch_here(jend);
    set_depth(base - 1);
}

// ---- entry ---------------------------------------------------------------------------------

CompileResult compile_module(const Module& module, const std::string& filename) {
    CompileResult r;
    SymbolTable st;
    if (auto err = st.build(module)) {
        r.error = CompileError{err->message, err->pos.line, err->pos.col};
        return r;
    }
    CodeGen g(st, filename);
    try {
        r.code = g.module(module);
    } catch (CompileFailure& f) {
        r.error = f.error;
    }
    return r;
}

}  // namespace tl::script
