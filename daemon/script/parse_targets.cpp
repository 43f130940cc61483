// Assignment targets: parsing the target lists of `for`, comprehensions and
// `with ... as`, setting Store/Del context on them so the compiler need not, and
// the CPython wording for targets that cannot be assigned to or deleted.
#include "daemon/script/parser_internal.h"

namespace tl::script {

using namespace ast;

const char* expression_description(const Expr& expr) {
    switch (expr.kind) {
    case ExprKind::Attribute: return "attribute";
    case ExprKind::Subscript: return "subscript";
    case ExprKind::Starred: return "starred";
    case ExprKind::Name: return "name";
    case ExprKind::List: return "list";
    case ExprKind::Tuple: return "tuple";
    case ExprKind::Lambda: return "lambda";
    case ExprKind::Call: return "function call";
    case ExprKind::BoolOp: case ExprKind::BinOp: case ExprKind::UnaryOp: return "expression";
    case ExprKind::GeneratorExp: return "generator expression";
    case ExprKind::Yield: case ExprKind::YieldFrom: return "yield expression";
    case ExprKind::Await: return "await expression";
    case ExprKind::ListComp: return "list comprehension";
    case ExprKind::SetComp: return "set comprehension";
    case ExprKind::DictComp: return "dict comprehension";
    case ExprKind::Dict: return "dict literal";
    case ExprKind::Set: return "set display";
    case ExprKind::JoinedStr: case ExprKind::FormattedValue: return "f-string expression";
    case ExprKind::Compare: return "comparison";
    case ExprKind::IfExp: return "conditional expression";
    case ExprKind::NamedExpr: return "named expression";
    case ExprKind::Slice: return "slice";
    case ExprKind::Constant:
        switch (expr.as<Constant>().value_kind) {
        case ConstantKind::None: return "None";
        case ConstantKind::True: return "True";
        case ConstantKind::False: return "False";
        case ConstantKind::Ellipsis: return "ellipsis";
        default: return "literal";
        }
    }
    return "expression";
}

namespace {

// Sets `ctx` on every node of a target and returns the first node that cannot be a
// target, or null.
Expr* apply_context(Expr& e, ExprContext ctx) {
    switch (e.kind) {
    case ExprKind::Name: e.as<Name>().ctx = ctx; return nullptr;
    case ExprKind::Attribute: e.as<Attribute>().ctx = ctx; return nullptr;
    case ExprKind::Subscript: e.as<Subscript>().ctx = ctx; return nullptr;
    case ExprKind::Starred:
        if (ctx == ExprContext::Del) return &e;
        e.as<Starred>().ctx = ctx;
        return apply_context(*e.as<Starred>().value, ctx);
    case ExprKind::List:
    case ExprKind::Tuple: {
        ExprList& elts = e.is<List>() ? e.as<List>().elts : e.as<Tuple>().elts;
        if (e.is<List>()) e.as<List>().ctx = ctx;
        else e.as<Tuple>().ctx = ctx;
        for (ExprPtr& elt : elts) {
            if (Expr* bad = apply_context(*elt, ctx)) return bad;
        }
        return nullptr;
    }
    default: return &e;
    }
}

}  // namespace

ExprPtr Parser::parse_single_target() {
    if (!at(TokenKind::Star)) return parse_bitwise_or();
    auto starred = node<Starred>(advance());
    starred->value = parse_single_target();
    finish(starred->pos);
    return starred;
}

ExprPtr Parser::parse_target_list() {
    // Targets stop below comparisons, so the `in` of `for x in y` is not taken
    // as an operator.
    const Token& start = tok();
    ExprPtr first = parse_single_target();
    if (!at(TokenKind::Comma)) return first;
    auto tuple = node<Tuple>(start);
    tuple->elts.push_back(std::move(first));
    while (accept(TokenKind::Comma)) {
        if (!can_start_expression(tok())) break;
        tuple->elts.push_back(parse_single_target());
    }
    finish(tuple->pos);
    return tuple;
}

void Parser::set_target_context(Expr& target, TargetUse use) {
    ExprContext ctx = use == TargetUse::Delete ? ExprContext::Del : ExprContext::Store;
    Expr* bad = apply_context(target, ctx);
    if (bad == nullptr) return;
    const char* verb = use == TargetUse::Delete ? "cannot delete " : "cannot assign to ";
    fail_at(*bad, std::string(verb) + expression_description(*bad));
}

void Parser::check_assignment(Expr& target, bool value_follows_directly) {
    if (target.is<Yield>() || target.is<YieldFrom>()) {
        fail_at(target, "assignment to yield expression not possible");
    }
    Expr* bad = apply_context(target, ExprContext::Store);
    if (bad == nullptr) return;
    // CPython adds the '==' hint when the bad target sits right before the '='
    // and a plain value follows: `f() = 1`, `a, x + 1 = 2`.
    bool is_singleton = bad->is<Constant>() && (bad->as<Constant>().value_kind == ConstantKind::None ||
                                                bad->as<Constant>().value_kind == ConstantKind::True ||
                                                bad->as<Constant>().value_kind == ConstantKind::False);
    bool hint = value_follows_directly && !is_singleton && !bad->is<GeneratorExp>() &&
                bad->pos.end_line == target.pos.end_line && bad->pos.end_col == target.pos.end_col;
    fail_at(*bad, std::string("cannot assign to ") + expression_description(*bad) +
                      (hint ? " here. Maybe you meant '==' instead of '='?" : ""));
}

}  // namespace tl::script
