// Symbol-table construction (a walk over the AST recording how each scope uses each
// name) and analysis (symtable.c's analyze_block: resolve free names against the
// enclosing function scopes, turn captured locals into cells).
#include "daemon/script/symtable.h"

#include <algorithm>
#include <set>

namespace tl::script {

using namespace ast;

class SymbolBuilder {
public:
    explicit SymbolBuilder(SymbolTable& t) : t_(t) {}

    std::optional<SymbolError> run(const Module& m) {
        Scope* s = open(ScopeKind::Module, "<module>", &m);
        t_.module_ = s;
        for (auto& st : m.body) stmt(*st);
        close();
        if (error_) return error_;
        std::set<std::string> none;
        analyze(s, none, {});
        return error_;
    }

private:
    SymbolTable& t_;
    std::vector<Scope*> stack_;
    std::optional<SymbolError> error_;

    Scope* cur() { return stack_.back(); }

    Scope* open(ScopeKind k, std::string name, const void* node) {
        auto sc = std::make_unique<Scope>();
        sc->kind = k;
        sc->name = std::move(name);
        sc->parent = stack_.empty() ? nullptr : stack_.back();
        if (sc->parent) sc->parent->children.push_back(sc.get());
        Scope* p = sc.get();
        t_.by_node_[node] = p;
        t_.scopes_.push_back(std::move(sc));
        stack_.push_back(p);
        return p;
    }
    void close() { stack_.pop_back(); }

    Symbol& sym(Scope* s, const std::string& n) {
        auto it = s->symbols.find(n);
        if (it == s->symbols.end()) {
            s->order.push_back(n);
            return s->symbols[n];
        }
        return it->second;
    }
    void fail(std::string msg, const Position& pos) {
        if (!error_) error_ = SymbolError{std::move(msg), pos};
    }

    void bind(const std::string& n, const Position& pos) {
        Symbol& s = sym(cur(), n);
        (void)pos;
        s.assigned = true;
    }
    void use(const std::string& n) {
        sym(cur(), n).used = true;
        if ((n == "super" || n == "__class__") && cur()->is_function_like()) {
            // Zero-argument super() needs the class being defined: an implicit free
            // variable __class__, as CPython's compiler adds.
            sym(cur(), "__class__").used = true;
        }
    }

    void params(const Arguments& a) {
        auto add = [&](const Arg& arg) {
            Symbol& s = sym(cur(), arg.name);
            if (s.param) fail("duplicate argument '" + arg.name + "' in function definition", arg.pos);
            s.param = true;
            s.assigned = true;
            cur()->params.push_back(arg.name);
        };
        for (auto& p : a.posonlyargs) add(p);
        for (auto& p : a.args) add(p);
        for (auto& p : a.kwonlyargs) add(p);
        if (a.vararg) add(*a.vararg);
        if (a.kwarg) add(*a.kwarg);
    }
    void defaults(const Arguments& a) {
        for (auto& d : a.defaults) expr(*d);
        for (auto& d : a.kw_defaults) if (d) expr(*d);
    }

    void body(const StmtList& b) { for (auto& s : b) stmt(*s); }

    void stmt(const Stmt& s) {
        switch (s.kind) {
            case StmtKind::FunctionDef: case StmtKind::AsyncFunctionDef: {
                auto& f = s.as<FunctionDef>();
                for (auto& d : f.decorator_list) expr(*d);
                defaults(f.args);
                bind(f.name, s.pos);
                Scope* fs = open(ScopeKind::Function, f.name, &f);
                fs->is_coroutine = f.is_async();
                params(f.args);
                body(f.body);
                close();
                break;
            }
            case StmtKind::ClassDef: {
                auto& c = s.as<ClassDef>();
                for (auto& d : c.decorator_list) expr(*d);
                for (auto& b : c.bases) expr(*b);
                for (auto& k : c.keywords) expr(*k.value);
                bind(c.name, s.pos);
                open(ScopeKind::Class, c.name, &c);
                body(c.body);
                close();
                break;
            }
            case StmtKind::Return:
                if (auto& v = s.as<Return>().value) expr(*v);
                break;
            case StmtKind::Delete:
                for (auto& t : s.as<Delete>().targets) expr(*t);
                break;
            case StmtKind::Assign: {
                auto& a = s.as<Assign>();
                expr(*a.value);
                for (auto& t : a.targets) expr(*t);
                break;
            }
            case StmtKind::AugAssign: {
                auto& a = s.as<AugAssign>();
                expr(*a.value);
                expr(*a.target);
                if (a.target->is<Name>()) use(a.target->as<Name>().id);
                break;
            }
            case StmtKind::AnnAssign: {
                auto& a = s.as<AnnAssign>();
                if (a.value) {
                    expr(*a.value);
                    expr(*a.target);
                }
                break;
            }
            case StmtKind::For: case StmtKind::AsyncFor: {
                auto& f = s.as<For>();
                expr(*f.iter);
                expr(*f.target);
                body(f.body);
                body(f.orelse);
                break;
            }
            case StmtKind::While: {
                auto& w = s.as<While>();
                expr(*w.test);
                body(w.body);
                body(w.orelse);
                break;
            }
            case StmtKind::If: {
                auto& i = s.as<If>();
                expr(*i.test);
                body(i.body);
                body(i.orelse);
                break;
            }
            case StmtKind::With: case StmtKind::AsyncWith: {
                auto& w = s.as<With>();
                for (auto& it : w.items) {
                    expr(*it.context_expr);
                    if (it.optional_vars) expr(*it.optional_vars);
                }
                body(w.body);
                break;
            }
            case StmtKind::Raise: {
                auto& r = s.as<Raise>();
                if (r.exc) expr(*r.exc);
                if (r.cause) expr(*r.cause);
                break;
            }
            case StmtKind::Try: case StmtKind::TryStar: {
                auto& t = s.as<Try>();
                body(t.body);
                for (auto& h : t.handlers) {
                    if (h.type) expr(*h.type);
                    if (h.name) bind(*h.name, h.pos);
                    body(h.body);
                }
                body(t.orelse);
                body(t.finalbody);
                break;
            }
            case StmtKind::Assert: {
                auto& a = s.as<Assert>();
                expr(*a.test);
                if (a.msg) expr(*a.msg);
                break;
            }
            case StmtKind::Import:
                for (auto& a : s.as<Import>().names) {
                    std::string n = a.asname ? *a.asname : a.name.substr(0, a.name.find('.'));
                    bind(n, a.pos);
                }
                break;
            case StmtKind::ImportFrom:
                for (auto& a : s.as<ImportFrom>().names) {
                    if (a.name == "*") {
                        fail("'import *' is not supported in tasklens scenarios", a.pos);
                        continue;
                    }
                    bind(a.asname ? *a.asname : a.name, a.pos);
                }
                break;
            case StmtKind::Global:
                for (auto& n : s.as<Global>().names) {
                    if (cur()->kind == ScopeKind::Module) continue;
                    Symbol& sy = sym(cur(), n);
                    if (sy.param) fail("name '" + n + "' is parameter and global", s.pos);
                    else if (sy.assigned || sy.used) fail("name '" + n + "' is assigned to before global declaration", s.pos);
                    sy.global_decl = true;
                }
                break;
            case StmtKind::Nonlocal:
                for (auto& n : s.as<Nonlocal>().names) {
                    if (cur()->kind == ScopeKind::Module) {
                        fail("nonlocal declaration not allowed at module level", s.pos);
                        continue;
                    }
                    Symbol& sy = sym(cur(), n);
                    if (sy.param) fail("name '" + n + "' is parameter and nonlocal", s.pos);
                    else if (sy.assigned || sy.used) fail("name '" + n + "' is assigned to before nonlocal declaration", s.pos);
                    if (!sy.nonlocal_decl) sy.nonlocal_pos = s.pos;
                    sy.nonlocal_decl = true;
                }
                break;
            case StmtKind::Expr:
                expr(*s.as<ExprStmt>().value);
                break;
            case StmtKind::Pass: case StmtKind::Break: case StmtKind::Continue:
                break;
        }
    }

    void comprehension(const Expr& node, const std::vector<Comprehension>& gens,
                       const Expr* elt, const Expr* value, const char* name) {
        // The first iterable is evaluated in the enclosing scope; the rest inside.
        expr(*gens[0].iter);
        Scope* cs = open(ScopeKind::Comprehension, name, &node);
        if (node.is<GeneratorExp>()) cs->is_generator = true;
        Symbol& dot0 = sym(cs, ".0");
        dot0.param = dot0.assigned = true;
        cs->params.push_back(".0");
        for (size_t i = 0; i < gens.size(); ++i) {
            if (gens[i].is_async) cs->is_coroutine = true;
            if (i > 0) expr(*gens[i].iter);
            expr(*gens[i].target);
            for (auto& c : gens[i].ifs) expr(*c);
        }
        if (elt) expr(*elt);
        if (value) expr(*value);
        close();
    }

    void expr(const Expr& e) {
        switch (e.kind) {
            case ExprKind::BoolOp: for (auto& v : e.as<BoolOp>().values) expr(*v); break;
            case ExprKind::NamedExpr: {
                auto& n = e.as<NamedExpr>();
                expr(*n.value);
                const std::string& id = n.target->as<Name>().id;
                if (cur()->kind == ScopeKind::Comprehension) {
                    // PEP 572: binds in the nearest enclosing non-comprehension scope.
                    size_t i = stack_.size() - 1;
                    while (stack_[i]->kind == ScopeKind::Comprehension) {
                        Symbol& cs = sym(stack_[i], id);
                        cs.comp_outer_bind = true;
                        cs.used = true;
                        --i;
                    }
                    Scope* target = stack_[i];
                    if (target->kind == ScopeKind::Class) {
                        fail("assignment expression within a comprehension cannot be used in a class body", e.pos);
                    }
                    sym(target, id).assigned = true;
                } else {
                    bind(id, e.pos);
                }
                break;
            }
            case ExprKind::BinOp: expr(*e.as<BinOp>().left); expr(*e.as<BinOp>().right); break;
            case ExprKind::UnaryOp: expr(*e.as<UnaryOp>().operand); break;
            case ExprKind::Lambda: {
                auto& l = e.as<Lambda>();
                defaults(l.args);
                open(ScopeKind::Lambda, "<lambda>", &l);
                params(l.args);
                expr(*l.body);
                close();
                break;
            }
            case ExprKind::IfExp: {
                auto& i = e.as<IfExp>();
                expr(*i.test); expr(*i.body); expr(*i.orelse);
                break;
            }
            case ExprKind::Dict: {
                auto& d = e.as<Dict>();
                for (auto& k : d.keys) if (k) expr(*k);
                for (auto& v : d.values) expr(*v);
                break;
            }
            case ExprKind::Set: for (auto& v : e.as<Set>().elts) expr(*v); break;
            case ExprKind::ListComp: comprehension(e, e.as<ListComp>().generators, e.as<ListComp>().elt.get(), nullptr, "<listcomp>"); break;
            case ExprKind::SetComp: comprehension(e, e.as<SetComp>().generators, e.as<SetComp>().elt.get(), nullptr, "<setcomp>"); break;
            case ExprKind::DictComp: comprehension(e, e.as<DictComp>().generators, e.as<DictComp>().key.get(), e.as<DictComp>().value.get(), "<dictcomp>"); break;
            case ExprKind::GeneratorExp: comprehension(e, e.as<GeneratorExp>().generators, e.as<GeneratorExp>().elt.get(), nullptr, "<genexpr>"); break;
            case ExprKind::Await:
                expr(*e.as<Await>().value);
                // An await inside a comprehension makes the comprehension a coroutine.
                if (cur()->kind == ScopeKind::Comprehension) cur()->is_coroutine = true;
                break;
            case ExprKind::Yield:
                if (auto& v = e.as<Yield>().value) expr(*v);
                cur()->is_generator = true;
                break;
            case ExprKind::YieldFrom:
                expr(*e.as<YieldFrom>().value);
                cur()->is_generator = true;
                break;
            case ExprKind::Compare: {
                auto& c = e.as<Compare>();
                expr(*c.left);
                for (auto& v : c.comparators) expr(*v);
                break;
            }
            case ExprKind::Call: {
                auto& c = e.as<Call>();
                expr(*c.func);
                for (auto& a : c.args) expr(*a);
                for (auto& k : c.keywords) expr(*k.value);
                break;
            }
            case ExprKind::FormattedValue: {
                auto& f = e.as<FormattedValue>();
                expr(*f.value);
                if (f.format_spec) expr(*f.format_spec);
                break;
            }
            case ExprKind::JoinedStr: for (auto& v : e.as<JoinedStr>().values) expr(*v); break;
            case ExprKind::Constant: break;
            case ExprKind::Attribute: expr(*e.as<Attribute>().value); break;
            case ExprKind::Subscript: expr(*e.as<Subscript>().value); expr(*e.as<Subscript>().slice); break;
            case ExprKind::Starred: expr(*e.as<Starred>().value); break;
            case ExprKind::Name: {
                auto& n = e.as<Name>();
                if (n.ctx == ExprContext::Load) use(n.id);
                else bind(n.id, e.pos);
                break;
            }
            case ExprKind::List: for (auto& v : e.as<List>().elts) expr(*v); break;
            case ExprKind::Tuple: for (auto& v : e.as<Tuple>().elts) expr(*v); break;
            case ExprKind::Slice: {
                auto& s = e.as<Slice>();
                if (s.lower) expr(*s.lower);
                if (s.upper) expr(*s.upper);
                if (s.step) expr(*s.step);
                break;
            }
        }
    }

    // analyze_block: `bound` holds the names bound in enclosing function scopes (what a
    // free name can refer to); `globals` the names declared global on the way down.
    // Returns the names this scope needs from its parent's cells.
    std::set<std::string> analyze(Scope* s, const std::set<std::string>& bound,
                                  const std::set<std::string>& globals) {
        bool fn = s->is_function_like();
        for (auto& name : s->order) {
            Symbol& sy = s->symbols[name];
            if (sy.global_decl) {
                sy.kind = NameKind::GlobalExplicit;
            } else if (sy.nonlocal_decl) {
                if (!bound.count(name)) {
                    fail("no binding for nonlocal '" + name + "' found", sy.nonlocal_pos);
                }
                sy.kind = NameKind::Free;
            } else if (sy.comp_outer_bind) {
                sy.kind = bound.count(name) ? NameKind::Free : NameKind::GlobalExplicit;
            } else if (sy.assigned || sy.param) {
                sy.kind = s->kind == ScopeKind::Module ? NameKind::GlobalExplicit
                        : s->kind == ScopeKind::Class ? NameKind::ClassLocal
                                                      : NameKind::Fast;
            } else if (name == "__class__" && fn && bound.count("__class__")) {
                sy.kind = NameKind::Free;
            } else if (bound.count(name) && !globals.count(name) && s->kind != ScopeKind::Module) {
                sy.kind = NameKind::Free;
            } else {
                sy.kind = globals.count(name) ? NameKind::GlobalExplicit : NameKind::GlobalImplicit;
            }
        }
        // What inner scopes can see.
        std::set<std::string> inner_bound = bound;
        std::set<std::string> inner_globals = globals;
        if (fn) {
            for (auto& [name, sy] : s->symbols) {
                if (sy.kind == NameKind::Fast) { inner_bound.insert(name); inner_globals.erase(name); }
                if (sy.kind == NameKind::GlobalExplicit) { inner_bound.erase(name); inner_globals.insert(name); }
            }
        } else if (s->kind == ScopeKind::Class) {
            // Methods see the class being defined only through __class__.
            inner_bound.insert("__class__");
        } else {
            inner_bound.clear();
        }
        std::set<std::string> child_free;
        for (Scope* c : s->children) {
            auto f = analyze(c, inner_bound, inner_globals);
            child_free.insert(f.begin(), f.end());
        }
        std::set<std::string> cells, frees;
        for (auto& name : child_free) {
            Symbol* sy = s->find(name);
            if (fn && sy && (sy->kind == NameKind::Fast || sy->kind == NameKind::Cell)) {
                sy->kind = NameKind::Cell;
                cells.insert(name);
            } else if (s->kind == ScopeKind::Class && name == "__class__") {
                s->needs_class_cell = true;
                cells.insert(name);
            } else {
                frees.insert(name);  // passed through from further out
            }
        }
        for (auto& name : s->order) {
            Symbol& sy = s->symbols[name];
            if (sy.kind == NameKind::Free) frees.insert(name);
        }
        // Slot layout: parameters first, in order, then other locals in first-seen order.
        for (auto& p : s->params) s->varnames.push_back(p);
        for (auto& name : s->order) {
            Symbol& sy = s->symbols[name];
            if ((sy.kind == NameKind::Fast || sy.kind == NameKind::Cell) && !sy.param) {
                if (sy.kind == NameKind::Fast) s->varnames.push_back(name);
            }
        }
        for (auto& name : s->order) {
            if (cells.count(name)) s->cellvars.push_back(name);
        }
        if (cells.count("__class__") && !s->find("__class__")) s->cellvars.push_back("__class__");
        for (auto& name : s->order) {
            if (frees.count(name)) s->freevars.push_back(name);
        }
        for (auto& name : frees) {
            if (std::find(s->freevars.begin(), s->freevars.end(), name) == s->freevars.end()) {
                s->freevars.push_back(name);
            }
        }
        return frees;
    }
};

std::optional<SymbolError> SymbolTable::build(const Module& m) {
    SymbolBuilder b(*this);
    return b.run(m);
}

}  // namespace tl::script
