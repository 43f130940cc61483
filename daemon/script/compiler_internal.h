// The code generator behind compile_module(), shared by compiler.cpp (statements, scopes,
// control flow) and compile_expr.cpp (expressions). One CodeUnit per scope being
// compiled; an FBlock stack per unit tells break/continue/return what to unwind, as
// CPython's compiler_unwind_fblock does. Not part of the public API.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "daemon/script/ast.h"
#include "daemon/script/code.h"
#include "daemon/script/compiler.h"
#include "daemon/script/symtable.h"

namespace tl::script {

struct CompileFailure {
    CompileError error;
};

enum class FBlockKind : uint8_t {
    WhileLoop, ForLoop, AsyncForLoop, TryExcept, Finally, FinallyEnd, HandlerCleanup, With,
    AsyncWith, ExceptStarClause
};

struct FBlock {
    FBlockKind kind;
    size_t continue_target = 0;
    std::vector<size_t> breaks;          // jumps to patch to the loop's end
    const ast::StmtList* finalbody = nullptr;
    const std::string* handler_name = nullptr;
};

struct CodeUnit {
    Scope* scope = nullptr;
    CodeRef code;
    std::vector<FBlock> fblocks;
    std::unordered_map<std::string, uint32_t> name_index;
    int depth = 0;
    int line = 0;
    ast::Position stmt_pos;  // the statement being compiled (errors found while unwinding)
};

class CodeGen {
public:
    CodeGen(SymbolTable& st, std::string filename) : st_(st), filename_(std::move(filename)) {}

    CodeRef module(const ast::Module& m);

    // --- emission (compiler.cpp) ----------------------------------------------------
    size_t emit(Op op, uint32_t arg = 0);
    size_t here() const { return u().code->code.size(); }
    void patch(size_t at, size_t target);
    void patch_here(size_t at) { patch(at, here()); }
    uint32_t add_const(Value v);
    uint32_t add_name(const std::string& n);
    void set_depth(int d) { u().depth = d; }
    int depth() const { return u().depth; }
    [[noreturn]] void fail(const std::string& msg, const ast::Position& pos);

    // --- names ------------------------------------------------------------------------
    void load_name(const std::string& id);
    void store_name(const std::string& id);
    void delete_name(const std::string& id);
    uint32_t cell_index(const std::string& id);

    // --- statements (compiler.cpp) --------------------------------------------------------
    void stmt(const ast::Stmt& s);
    void body(const ast::StmtList& b) { for (auto& s : b) stmt(*s); }
    void function_def(const ast::FunctionDef& f);
    void class_def(const ast::ClassDef& c);
    void assign_target(const ast::Expr& t);
    void for_stmt(const ast::For& f);
    void async_for_stmt(const ast::For& f);
    void while_stmt(const ast::While& w);
    void try_stmt(const ast::Try& t);
    void try_except(const ast::Try& t);
    void try_star_except(const ast::Try& t);
    void with_stmt(const ast::With& w, size_t item);
    void unwind(const FBlock& fb, bool preserve_tos);
    void unwind_all_for_return(bool preserve_tos);
    void break_or_continue(bool is_break, const ast::Position& pos);
    void import_stmt(const ast::Stmt& s);
    void reset_handler_name(const std::string* name);

    // --- expressions (compile_expr.cpp) -------------------------------------------------
    void expr(const ast::Expr& e);
    void call(const ast::Call& c);
    void call_args(const ast::ExprList& args, const std::vector<ast::Keyword>& kws, Op plain_kw_op, Op plain_op, int extra);
    bool has_starred(const ast::ExprList& l) const;
    void sequence_with_stars(const ast::ExprList& elts, Op build, Op extend, Op add_one);
    void compare(const ast::Compare& c);
    void comprehension(const ast::Expr& node, const std::vector<ast::Comprehension>& gens,
                       const ast::Expr* elt, const ast::Expr* value, int kind);
    void comprehension_generator(const std::vector<ast::Comprehension>& gens, size_t i,
                                 const ast::Expr* elt, const ast::Expr* value, int kind);
    void joined_str(const ast::JoinedStr& j);
    void slice_or_expr(const ast::Expr& e);
    void make_closure(CodeRef code, uint32_t flags);
    void await_value(const ast::Position& pos);

    // --- units --------------------------------------------------------------------------
    CodeUnit& u() { return units_.back(); }
    const CodeUnit& u() const { return units_.back(); }
    void enter_unit(Scope* s, const std::string& name, const std::string& qualname, int line);
    CodeRef leave_unit();
    std::string qualname_for(const std::string& name, Scope* child);
    bool in_async_function() const;
    // The unit being compiled is an async generator (function or generator expression).
    bool in_async_generator() const {
        return (u().code->flags & kFlagGenerator) && (u().code->flags & kFlagCoroutine);
    }

private:
    SymbolTable& st_;
    std::string filename_;
    std::vector<CodeUnit> units_;
};

}  // namespace tl::script
