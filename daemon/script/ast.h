// The abstract syntax tree of a scenario, modelled on CPython's `ast` module (3.13):
// same node names, same fields, same shapes, so the compiler can follow CPython's own
// compiler and `dump()` output can be compared with `ast.dump()` field for field.
//
// What the compiler writer needs to know:
//  * Ownership: a Module owns its whole tree through std::unique_ptr; nothing points
//    back into the source text (strings are copied), so the tree outlives the source.
//  * Positions: every expr, stmt, Arg, Keyword, Alias and ExceptHandler has
//    `pos` = {line, col, end_line, end_col}: lines 1-based, columns 0-based UTF-8
//    byte offsets, end exclusive -- exactly CPython's lineno/col_offset/
//    end_lineno/end_col_offset. (Syntax errors use 1-based code-point columns.)
//  * Depth: the parser refuses input nested deeper than kMaxNesting, so recursive
//    walks over the tree cannot exhaust the stack.
//  * Context: Name, Attribute, Subscript, Starred, List and Tuple carry `ctx`
//    (Load/Store/Del), already set on assignment, for, with, comprehension,
//    walrus and del targets.
//  * Absent optional children are null ExprPtrs / std::nullopt; `Dict::keys[i]` is
//    null for `**d`; `Arguments::kw_defaults[i]` is null when there is no default.
//  * Async variants share a struct with their sync twin (FunctionDef serves
//    FunctionDef and AsyncFunctionDef, For/AsyncFor, With/AsyncWith, Try/TryStar);
//    `kind` tells them apart. The statement `Expr` is the C++ type ExprStmt.
//  * f-strings are JoinedStr nodes whose values are str Constants and
//    FormattedValues; a format spec is itself a JoinedStr. `f"{x=}"` becomes the
//    Constant "x=" followed by FormattedValue(x, conversion='r'), as in CPython.
//  * Integer constants that do not fit int64 set Constant::int_overflow; the exact
//    decimal digits are always in Constant::int_digits.
#pragma once

#include <cassert>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tl::script::ast {

// Nesting limit for brackets, expressions and blocks (CPython refuses 200 nested
// parentheses too); the parser reports "too deeply nested" beyond it.
inline constexpr int kMaxNesting = 200;

struct Position {
    int line = 0;       // 1-based
    int col = 0;        // 0-based UTF-8 byte offset
    int end_line = 0;
    int end_col = 0;    // exclusive
};

enum class ExprContext : std::uint8_t { Load, Store, Del };
enum class BoolOpKind : std::uint8_t { And, Or };
enum class BinOpKind : std::uint8_t {
    Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv
};
enum class UnaryOpKind : std::uint8_t { Invert, Not, UAdd, USub };
enum class CmpOpKind : std::uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

// CPython's class names ("Add", "NotIn", "Load", ...), as ast.dump prints them.
const char* name_of(ExprContext ctx);
const char* name_of(BoolOpKind op);
const char* name_of(BinOpKind op);
const char* name_of(UnaryOpKind op);
const char* name_of(CmpOpKind op);

// ---------------------------------------------------------------------------
// Expressions

enum class ExprKind : std::uint8_t {
    BoolOp, NamedExpr, BinOp, UnaryOp, Lambda, IfExp, Dict, Set, ListComp, SetComp,
    DictComp, GeneratorExp, Await, Yield, YieldFrom, Compare, Call, FormattedValue,
    JoinedStr, Constant, Attribute, Subscript, Starred, Name, List, Tuple, Slice
};
const char* name_of(ExprKind kind);

struct Expr {
    const ExprKind kind;
    Position pos;

    explicit Expr(ExprKind k) : kind(k) {}
    Expr(const Expr&) = delete;
    Expr& operator=(const Expr&) = delete;
    virtual ~Expr() = default;

    template <class T> bool is() const { return T::classof(kind); }
    template <class T> T& as() { assert(is<T>()); return static_cast<T&>(*this); }
    template <class T> const T& as() const { assert(is<T>()); return static_cast<const T&>(*this); }
};
using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;

template <ExprKind K> struct ExprNode : Expr {
    static constexpr ExprKind kKind = K;
    static bool classof(ExprKind k) { return k == K; }
    ExprNode() : Expr(K) {}
};

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;
using StmtList = std::vector<StmtPtr>;

// `arg`: one parameter.
struct Arg {
    Position pos;
    std::string name;       // CPython's field `arg`
    ExprPtr annotation;     // null when absent
};

// `arguments`: a def's or lambda's parameter list. defaults align with the *last*
// len(defaults) entries of posonlyargs + args; kw_defaults with kwonlyargs.
struct Arguments {
    std::vector<Arg> posonlyargs;
    std::vector<Arg> args;
    std::unique_ptr<Arg> vararg;    // *args, null when absent
    std::vector<Arg> kwonlyargs;
    ExprList kw_defaults;           // one per kwonlyarg, null when no default
    std::unique_ptr<Arg> kwarg;     // **kwargs, null when absent
    ExprList defaults;
};

// `keyword`: name=value in a call or class header; arg is nullopt for **value.
struct Keyword {
    Position pos;
    std::optional<std::string> arg;
    ExprPtr value;
};

// `comprehension`: one `for target in iter if ...` clause.
struct Comprehension {
    ExprPtr target;     // ctx Store
    ExprPtr iter;
    ExprList ifs;
    bool is_async = false;
};

struct BoolOp final : ExprNode<ExprKind::BoolOp> {
    BoolOpKind op = BoolOpKind::And;
    ExprList values;    // two or more
};
struct NamedExpr final : ExprNode<ExprKind::NamedExpr> {
    ExprPtr target;     // a Name, ctx Store
    ExprPtr value;
};
struct BinOp final : ExprNode<ExprKind::BinOp> {
    ExprPtr left;
    BinOpKind op = BinOpKind::Add;
    ExprPtr right;
};
struct UnaryOp final : ExprNode<ExprKind::UnaryOp> {
    UnaryOpKind op = UnaryOpKind::Not;
    ExprPtr operand;
};
struct Lambda final : ExprNode<ExprKind::Lambda> {
    Arguments args;     // parameters carry no annotations
    ExprPtr body;
};
struct IfExp final : ExprNode<ExprKind::IfExp> {
    ExprPtr test, body, orelse;
};
struct Dict final : ExprNode<ExprKind::Dict> {
    ExprList keys;      // null key: `**values[i]`
    ExprList values;
};
struct Set final : ExprNode<ExprKind::Set> {
    ExprList elts;
};
struct ListComp final : ExprNode<ExprKind::ListComp> {
    ExprPtr elt;
    std::vector<Comprehension> generators;
};
struct SetComp final : ExprNode<ExprKind::SetComp> {
    ExprPtr elt;
    std::vector<Comprehension> generators;
};
struct DictComp final : ExprNode<ExprKind::DictComp> {
    ExprPtr key, value;
    std::vector<Comprehension> generators;
};
struct GeneratorExp final : ExprNode<ExprKind::GeneratorExp> {
    ExprPtr elt;
    std::vector<Comprehension> generators;
};
struct Await final : ExprNode<ExprKind::Await> {
    ExprPtr value;
};
struct Yield final : ExprNode<ExprKind::Yield> {
    ExprPtr value;      // null for a bare `yield`
};
struct YieldFrom final : ExprNode<ExprKind::YieldFrom> {
    ExprPtr value;
};
struct Compare final : ExprNode<ExprKind::Compare> {
    ExprPtr left;
    std::vector<CmpOpKind> ops;     // a < b < c: ops [Lt, Lt], comparators [b, c]
    ExprList comparators;
};
struct Call final : ExprNode<ExprKind::Call> {
    ExprPtr func;
    ExprList args;                  // may contain Starred for *args
    std::vector<Keyword> keywords;
};
struct FormattedValue final : ExprNode<ExprKind::FormattedValue> {
    ExprPtr value;
    int conversion = -1;            // -1 none, or 's', 'r', 'a'
    ExprPtr format_spec;            // a JoinedStr, null when absent
};
struct JoinedStr final : ExprNode<ExprKind::JoinedStr> {
    ExprList values;                // str Constants and FormattedValues
};

enum class ConstantKind : std::uint8_t { None, True, False, Ellipsis, Int, Float, Str };

struct Constant final : ExprNode<ExprKind::Constant> {
    ConstantKind value_kind = ConstantKind::None;
    std::int64_t int_value = 0;     // Int, when !int_overflow
    bool int_overflow = false;      // Int too large for int64: the compiler reports it
    std::string int_digits;         // Int: exact value in decimal, whatever the literal's base
    double float_value = 0;         // Float (converted with strtod: exact nearest double)
    std::string str_value;          // Str, UTF-8
    bool u_prefix = false;          // u"..." (CPython records kind='u')
};
struct Attribute final : ExprNode<ExprKind::Attribute> {
    ExprPtr value;
    std::string attr;
    ExprContext ctx = ExprContext::Load;
};
struct Subscript final : ExprNode<ExprKind::Subscript> {
    ExprPtr value;
    ExprPtr slice;                  // an expr, a Slice, or a Tuple that may hold Slices
    ExprContext ctx = ExprContext::Load;
};
struct Starred final : ExprNode<ExprKind::Starred> {
    ExprPtr value;
    ExprContext ctx = ExprContext::Load;
};
struct Name final : ExprNode<ExprKind::Name> {
    std::string id;
    ExprContext ctx = ExprContext::Load;
};
struct List final : ExprNode<ExprKind::List> {
    ExprList elts;
    ExprContext ctx = ExprContext::Load;
};
struct Tuple final : ExprNode<ExprKind::Tuple> {
    ExprList elts;
    ExprContext ctx = ExprContext::Load;
};
struct Slice final : ExprNode<ExprKind::Slice> {
    ExprPtr lower, upper, step;     // each may be null
};

// ---------------------------------------------------------------------------
// Statements

enum class StmtKind : std::uint8_t {
    FunctionDef, AsyncFunctionDef, ClassDef, Return, Delete, Assign, AugAssign, AnnAssign,
    For, AsyncFor, While, If, With, AsyncWith, Raise, Try, TryStar, Assert, Import,
    ImportFrom, Global, Nonlocal, Expr, Pass, Break, Continue
};
const char* name_of(StmtKind kind);

struct Stmt {
    const StmtKind kind;
    Position pos;

    explicit Stmt(StmtKind k) : kind(k) {}
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    virtual ~Stmt() = default;

    template <class T> bool is() const { return T::classof(kind); }
    template <class T> T& as() { assert(is<T>()); return static_cast<T&>(*this); }
    template <class T> const T& as() const { assert(is<T>()); return static_cast<const T&>(*this); }
};

template <StmtKind K> struct StmtNode : Stmt {
    static constexpr StmtKind kKind = K;
    static bool classof(StmtKind k) { return k == K; }
    StmtNode() : Stmt(K) {}
};
// A struct shared by a statement and its async (or star) twin.
template <StmtKind Sync, StmtKind Async> struct DualStmtNode : Stmt {
    static bool classof(StmtKind k) { return k == Sync || k == Async; }
    explicit DualStmtNode(bool async_variant) : Stmt(async_variant ? Async : Sync) {}
};

// `alias`: `name` or `name as asname` in an import.
struct Alias {
    Position pos;
    std::string name;                   // dotted for `import a.b`; "*" for `from m import *`
    std::optional<std::string> asname;
};

// `withitem`: `context_expr [as optional_vars]`.
struct WithItem {
    ExprPtr context_expr;
    ExprPtr optional_vars;              // ctx Store, null when absent
};

// `excepthandler` (CPython's ExceptHandler): `except [type [as name]]: body`.
struct ExceptHandler {
    Position pos;
    ExprPtr type;                       // null for a bare `except:`
    std::optional<std::string> name;
    StmtList body;
};

// FunctionDef and AsyncFunctionDef. pos starts at `def`/`async`, not at decorators.
struct FunctionDef final : DualStmtNode<StmtKind::FunctionDef, StmtKind::AsyncFunctionDef> {
    explicit FunctionDef(bool is_async_def) : DualStmtNode(is_async_def) {}
    bool is_async() const { return kind == StmtKind::AsyncFunctionDef; }
    std::string name;
    Arguments args;
    StmtList body;
    ExprList decorator_list;
    ExprPtr returns;                    // null when there is no `-> annotation`
};
struct ClassDef final : StmtNode<StmtKind::ClassDef> {
    std::string name;
    ExprList bases;
    std::vector<Keyword> keywords;
    StmtList body;
    ExprList decorator_list;
};
struct Return final : StmtNode<StmtKind::Return> {
    ExprPtr value;                      // null for a bare `return`
};
struct Delete final : StmtNode<StmtKind::Delete> {
    ExprList targets;                   // ctx Del
};
struct Assign final : StmtNode<StmtKind::Assign> {
    ExprList targets;                   // `a = b = v`: targets [a, b]; ctx Store
    ExprPtr value;
};
struct AugAssign final : StmtNode<StmtKind::AugAssign> {
    ExprPtr target;                     // Name, Attribute or Subscript, ctx Store
    BinOpKind op = BinOpKind::Add;
    ExprPtr value;
};
struct AnnAssign final : StmtNode<StmtKind::AnnAssign> {
    ExprPtr target;
    ExprPtr annotation;
    ExprPtr value;                      // null for a bare annotation
    bool simple = false;                // target is a plain, unparenthesized Name
};
struct For final : DualStmtNode<StmtKind::For, StmtKind::AsyncFor> {
    explicit For(bool is_async_for) : DualStmtNode(is_async_for) {}
    bool is_async() const { return kind == StmtKind::AsyncFor; }
    ExprPtr target;                     // ctx Store
    ExprPtr iter;
    StmtList body;
    StmtList orelse;
};
struct While final : StmtNode<StmtKind::While> {
    ExprPtr test;
    StmtList body;
    StmtList orelse;
};
struct If final : StmtNode<StmtKind::If> {
    ExprPtr test;
    StmtList body;
    StmtList orelse;                    // `elif` is a single nested If here
};
struct With final : DualStmtNode<StmtKind::With, StmtKind::AsyncWith> {
    explicit With(bool is_async_with) : DualStmtNode(is_async_with) {}
    bool is_async() const { return kind == StmtKind::AsyncWith; }
    std::vector<WithItem> items;
    StmtList body;
};
struct Raise final : StmtNode<StmtKind::Raise> {
    ExprPtr exc;                        // null for a bare `raise`
    ExprPtr cause;                      // `from cause`, null when absent
};
// Try and TryStar (`except*`).
struct Try final : DualStmtNode<StmtKind::Try, StmtKind::TryStar> {
    explicit Try(bool is_star) : DualStmtNode(is_star) {}
    bool is_star() const { return kind == StmtKind::TryStar; }
    StmtList body;
    std::vector<ExceptHandler> handlers;
    StmtList orelse;
    StmtList finalbody;
};
struct Assert final : StmtNode<StmtKind::Assert> {
    ExprPtr test;
    ExprPtr msg;                        // null when absent
};
struct Import final : StmtNode<StmtKind::Import> {
    std::vector<Alias> names;
};
struct ImportFrom final : StmtNode<StmtKind::ImportFrom> {
    std::optional<std::string> module;  // nullopt for `from . import x`
    std::vector<Alias> names;
    int level = 0;                      // number of leading dots
};
struct Global final : StmtNode<StmtKind::Global> {
    std::vector<std::string> names;
};
struct Nonlocal final : StmtNode<StmtKind::Nonlocal> {
    std::vector<std::string> names;
};
// CPython's `Expr` statement: an expression evaluated for its effect.
struct ExprStmt final : StmtNode<StmtKind::Expr> {
    ExprPtr value;
};
struct Pass final : StmtNode<StmtKind::Pass> {};
struct Break final : StmtNode<StmtKind::Break> {};
struct Continue final : StmtNode<StmtKind::Continue> {};

struct Module {
    StmtList body;
};

// ---------------------------------------------------------------------------
// Debug output

struct DumpOptions {
    // Adds lineno/col_offset/end_lineno/end_col_offset like
    // ast.dump(include_attributes=True).
    bool include_positions = false;
};

// Compact text in the format of Python 3.13's ast.dump(): fields that are None or
// empty lists are left out, strings and numbers are printed as Python's repr().
std::string dump(const Module& module, DumpOptions options = {});
std::string dump(const Stmt& stmt, DumpOptions options = {});
std::string dump(const Expr& expr, DumpOptions options = {});

}  // namespace tl::script::ast
