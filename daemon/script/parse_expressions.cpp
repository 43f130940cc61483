// The expression half of the parser: Python's precedence levels from lambda down to
// atoms, displays and comprehensions, calls, subscripts and parameter lists.
// Binary operators use precedence climbing, so a bracket costs a fixed number of
// stack frames; every bracket, unary operator and left-leaning chain counts towards
// the nesting limit.
#include "daemon/script/parser_internal.h"

namespace tl::script {

using namespace ast;

namespace {

// Precedence of a binary operator token (| lowest), or 0.
int binary_precedence(TokenKind kind, BinOpKind& op) {
    switch (kind) {
    case TokenKind::VBar: op = BinOpKind::BitOr; return 1;
    case TokenKind::Circumflex: op = BinOpKind::BitXor; return 2;
    case TokenKind::Amper: op = BinOpKind::BitAnd; return 3;
    case TokenKind::LeftShift: op = BinOpKind::LShift; return 4;
    case TokenKind::RightShift: op = BinOpKind::RShift; return 4;
    case TokenKind::Plus: op = BinOpKind::Add; return 5;
    case TokenKind::Minus: op = BinOpKind::Sub; return 5;
    case TokenKind::Star: op = BinOpKind::Mult; return 6;
    case TokenKind::Slash: op = BinOpKind::Div; return 6;
    case TokenKind::DoubleSlash: op = BinOpKind::FloorDiv; return 6;
    case TokenKind::Percent: op = BinOpKind::Mod; return 6;
    case TokenKind::At: op = BinOpKind::MatMult; return 6;
    default: return 0;
    }
}

}  // namespace

ExprPtr Parser::parse_field_expression() {
    ExprPtr e = at(TokenKind::KwYield) ? parse_yield_expression() : parse_star_expressions();
    if (!at(TokenKind::EndMarker)) {
        if (can_start_expression(tok()) && !at(TokenKind::Star) && !at(TokenKind::Minus) &&
            !at(TokenKind::Plus) && !at(TokenKind::Tilde)) {
            fail_at(*e, "f-string: invalid syntax. Perhaps you forgot a comma?");
        }
        fail_at(tok(), "f-string: invalid syntax");
    }
    return e;
}

ExprPtr Parser::parse_star_expressions() {
    const Token& start = tok();
    ExprPtr first = parse_star_expression();
    if (!at(TokenKind::Comma)) return first;
    auto tuple = node<Tuple>(start);
    tuple->elts.push_back(std::move(first));
    while (accept(TokenKind::Comma)) {
        if (!can_start_expression(tok())) break;
        tuple->elts.push_back(parse_star_expression());
    }
    finish(tuple->pos);
    return tuple;
}

ExprPtr Parser::parse_star_expression() {
    if (!at(TokenKind::Star)) return parse_expression();
    auto starred = node<Starred>(advance());
    starred->value = parse_bitwise_or();
    finish(starred->pos);
    return starred;
}

ExprPtr Parser::parse_star_named_expression() {
    if (!at(TokenKind::Star)) return parse_named_expression();
    auto starred = node<Starred>(advance());
    starred->value = parse_bitwise_or();
    finish(starred->pos);
    return starred;
}

ExprPtr Parser::parse_named_expression() {
    if (at(TokenKind::Name) && tok(1).kind == TokenKind::ColonEqual) {
        const Token& name_token = advance();
        advance();
        auto named = node<NamedExpr>(name_token);
        auto target = node<Name>(name_token);
        target->id = std::string(name_token.text);
        target->ctx = ExprContext::Store;
        target->pos.end_line = name_token.end_line;
        target->pos.end_col = name_token.end_col;
        named->target = std::move(target);
        named->value = parse_expression();
        finish(named->pos);
        return named;
    }
    ExprPtr e = parse_expression();
    if (at(TokenKind::ColonEqual)) {
        fail_at(*e, std::string("cannot use assignment expressions with ") + expression_description(*e));
    }
    return e;
}

ExprPtr Parser::parse_expression() {
    if (at(TokenKind::KwLambda)) return parse_lambda();
    const Token& start = tok();
    ExprPtr body = parse_disjunction();
    if (!at(TokenKind::KwIf)) return body;
    DepthGuard guard(*this, start);   // `a if b else c if d else ...` nests to the right
    advance();
    auto e = node<IfExp>(start);
    e->test = parse_disjunction();
    if (!accept(TokenKind::KwElse)) fail_at(*body, "expected 'else' after 'if' expression");
    e->body = std::move(body);
    e->orelse = parse_expression();
    finish(e->pos);
    return e;
}

ExprPtr Parser::parse_yield_expression() {
    const Token& keyword = advance();
    if (accept(TokenKind::KwFrom)) {
        auto e = node<YieldFrom>(keyword);
        e->value = parse_expression();
        finish(e->pos);
        return e;
    }
    auto e = node<Yield>(keyword);
    if (can_start_expression(tok())) e->value = parse_star_expressions();
    finish(e->pos);
    return e;
}

ExprPtr Parser::parse_lambda() {
    const Token& keyword = advance();
    DepthGuard guard(*this, keyword);
    auto e = node<Lambda>(keyword);
    parse_parameters(e->args, TokenKind::Colon, false);
    expect(TokenKind::Colon, nullptr);
    e->body = parse_expression();
    finish(e->pos);
    return e;
}

ExprPtr Parser::parse_disjunction() {
    const Token& start = tok();
    ExprPtr first = parse_conjunction();
    if (!at(TokenKind::KwOr)) return first;
    auto e = node<BoolOp>(start);
    e->op = BoolOpKind::Or;
    e->values.push_back(std::move(first));
    while (accept(TokenKind::KwOr)) e->values.push_back(parse_conjunction());
    finish(e->pos);
    return e;
}

ExprPtr Parser::parse_conjunction() {
    const Token& start = tok();
    ExprPtr first = parse_inversion();
    if (!at(TokenKind::KwAnd)) return first;
    auto e = node<BoolOp>(start);
    e->op = BoolOpKind::And;
    e->values.push_back(std::move(first));
    while (accept(TokenKind::KwAnd)) e->values.push_back(parse_inversion());
    finish(e->pos);
    return e;
}

ExprPtr Parser::parse_inversion() {
    if (!at(TokenKind::KwNot)) return parse_comparison();
    const Token& keyword = advance();
    DepthGuard guard(*this, keyword);
    auto e = node<UnaryOp>(keyword);
    e->op = UnaryOpKind::Not;
    e->operand = parse_inversion();
    finish(e->pos);
    return e;
}

ExprPtr Parser::parse_comparison() {
    const Token& start = tok();
    ExprPtr left = parse_bitwise_or();
    std::unique_ptr<Compare> e;
    for (;;) {
        CmpOpKind op;
        switch (tok().kind) {
        case TokenKind::EqEqual: op = CmpOpKind::Eq; break;
        case TokenKind::NotEqual: op = CmpOpKind::NotEq; break;
        case TokenKind::Less: op = CmpOpKind::Lt; break;
        case TokenKind::LessEqual: op = CmpOpKind::LtE; break;
        case TokenKind::Greater: op = CmpOpKind::Gt; break;
        case TokenKind::GreaterEqual: op = CmpOpKind::GtE; break;
        case TokenKind::KwIn: op = CmpOpKind::In; break;
        case TokenKind::KwIs:
            op = tok(1).kind == TokenKind::KwNot ? CmpOpKind::IsNot : CmpOpKind::Is;
            break;
        case TokenKind::KwNot:
            // `a not b`: CPython fails on the token where 'in' was expected.
            if (tok(1).kind != TokenKind::KwIn) fail_at(tok(1), "invalid syntax");
            op = CmpOpKind::NotIn;
            break;
        default: goto done;
        }
        advance();
        if (op == CmpOpKind::IsNot || op == CmpOpKind::NotIn) advance();
        if (!e) {
            e = node<Compare>(start);
            e->left = std::move(left);
        }
        e->ops.push_back(op);
        e->comparators.push_back(parse_bitwise_or());
    }
done:
    if (!e) return left;
    finish(e->pos);
    return e;
}

ExprPtr Parser::parse_binary(int min_precedence) {
    const Token& start = tok();
    ExprPtr left = parse_factor();
    int chained = 0;
    for (;;) {
        BinOpKind op;
        int precedence = binary_precedence(tok().kind, op);
        if (precedence == 0 || precedence < min_precedence) break;
        advance();
        ExprPtr right = parse_binary(precedence + 1);
        // Each operator of a left-associative chain deepens the tree by one.
        enter_nesting(start_of(start));
        ++chained;
        auto e = node<BinOp>(start);
        e->left = std::move(left);
        e->op = op;
        e->right = std::move(right);
        finish(e->pos);
        left = std::move(e);
    }
    depth_ -= chained;
    return left;
}

ExprPtr Parser::parse_factor() {
    UnaryOpKind op;
    switch (tok().kind) {
    case TokenKind::Plus: op = UnaryOpKind::UAdd; break;
    case TokenKind::Minus: op = UnaryOpKind::USub; break;
    case TokenKind::Tilde: op = UnaryOpKind::Invert; break;
    default: return parse_power();
    }
    const Token& sign = advance();
    DepthGuard guard(*this, sign);
    auto e = node<UnaryOp>(sign);
    e->op = op;
    e->operand = parse_factor();
    finish(e->pos);
    return e;
}

ExprPtr Parser::parse_power() {
    const Token& start = tok();
    ExprPtr base;
    if (at(TokenKind::KwAwait)) {
        const Token& keyword = advance();
        DepthGuard guard(*this, keyword);
        auto e = node<Await>(keyword);
        e->value = parse_primary();
        finish(e->pos);
        base = std::move(e);
    } else {
        base = parse_primary();
    }
    if (!at(TokenKind::DoubleStar)) return base;
    advance();
    DepthGuard guard(*this, start);   // ** is right-associative: 2**2**2 recurses
    auto e = node<BinOp>(start);
    e->left = std::move(base);
    e->op = BinOpKind::Pow;
    e->right = parse_factor();
    finish(e->pos);
    return e;
}

ExprPtr Parser::parse_primary() {
    const Token& start = tok();
    ExprPtr e = parse_atom();
    int chained = 0;
    for (;;) {
        if (at(TokenKind::Dot)) {
            advance();
            auto attribute = node<Attribute>(start);
            attribute->value = std::move(e);
            attribute->attr = std::string(expect(TokenKind::Name, nullptr).text);
            finish(attribute->pos);
            e = std::move(attribute);
        } else if (at(TokenKind::LParen)) {
            const Token& open = advance();
            auto call = node<Call>(start);
            call->func = std::move(e);
            parse_call_arguments(call->args, call->keywords, open);
            finish(call->pos);
            e = std::move(call);
        } else if (at(TokenKind::LBracket)) {
            const Token& open = advance();
            DepthGuard guard(*this, open);
            auto subscript = node<Subscript>(start);
            subscript->value = std::move(e);
            subscript->slice = parse_subscript_slices();
            if (!at(TokenKind::RBracket)) {
                const Expr* last = subscript->slice.get();
                if (last->is<Tuple>() && !last->as<Tuple>().elts.empty()) last = last->as<Tuple>().elts.back().get();
                fail_missing_comma(*last);
            }
            advance();
            finish(subscript->pos);
            e = std::move(subscript);
        } else {
            break;
        }
        // a.b.c(), a()()[0]: every trailer nests the previous primary.
        enter_nesting(start_of(start));
        ++chained;
    }
    depth_ -= chained;
    return e;
}

ExprPtr Parser::parse_atom() {
    const Token& t = tok();
    switch (t.kind) {
    case TokenKind::Name: {
        auto name = node<Name>(advance());
        name->id = std::string(t.text);
        finish(name->pos);
        return name;
    }
    case TokenKind::KwTrue:
    case TokenKind::KwFalse:
    case TokenKind::KwNone:
    case TokenKind::Ellipsis: {
        auto constant = node<Constant>(advance());
        constant->value_kind = t.kind == TokenKind::KwTrue    ? ConstantKind::True
                               : t.kind == TokenKind::KwFalse ? ConstantKind::False
                               : t.kind == TokenKind::KwNone  ? ConstantKind::None
                                                              : ConstantKind::Ellipsis;
        finish(constant->pos);
        return constant;
    }
    case TokenKind::Number: return parse_number();
    case TokenKind::String: return parse_strings();
    case TokenKind::LParen: return parse_paren_atom();
    case TokenKind::LBracket: return parse_list_atom();
    case TokenKind::LBrace: return parse_brace_atom();
    default: fail_invalid_syntax();
    }
}

bool Parser::at_comprehension_start() const {
    return at(TokenKind::KwFor) || (at(TokenKind::KwAsync) && tok(1).kind == TokenKind::KwFor);
}

std::vector<Comprehension> Parser::parse_comprehension_clauses() {
    std::vector<Comprehension> generators;
    while (at_comprehension_start()) {
        Comprehension clause;
        clause.is_async = accept(TokenKind::KwAsync);
        advance();
        clause.target = parse_target_list();
        set_target_context(*clause.target, TargetUse::Comprehension);
        expect(TokenKind::KwIn, nullptr);
        clause.iter = parse_disjunction();
        while (accept(TokenKind::KwIf)) clause.ifs.push_back(parse_disjunction());
        generators.push_back(std::move(clause));
    }
    return generators;
}

ExprPtr Parser::parse_paren_atom() {
    const Token& open = advance();
    DepthGuard guard(*this, open);
    if (accept(TokenKind::RParen)) {
        auto tuple = node<Tuple>(open);
        finish(tuple->pos);
        return tuple;
    }
    if (at(TokenKind::KwYield)) {
        ExprPtr e = parse_yield_expression();
        expect(TokenKind::RParen, nullptr);
        return e;
    }
    ExprPtr first = parse_star_named_expression();
    if (at_comprehension_start()) {
        auto generator = node<GeneratorExp>(open);
        generator->elt = std::move(first);
        generator->generators = parse_comprehension_clauses();
        expect(TokenKind::RParen, nullptr);
        finish(generator->pos);
        return generator;
    }
    if (at(TokenKind::Comma)) {
        auto tuple = node<Tuple>(open);
        tuple->elts.push_back(std::move(first));
        while (accept(TokenKind::Comma)) {
            if (at(TokenKind::RParen)) break;
            tuple->elts.push_back(parse_star_named_expression());
        }
        if (!at(TokenKind::RParen)) fail_missing_comma(*tuple->elts.back());
        advance();
        finish(tuple->pos);
        return tuple;
    }
    if (!at(TokenKind::RParen)) fail_missing_comma(*first);
    advance();
    if (first->is<Starred>()) fail_at(*first, "cannot use starred expression here");
    return first;
}

ExprPtr Parser::parse_list_atom() {
    const Token& open = advance();
    DepthGuard guard(*this, open);
    auto list = node<List>(open);
    if (accept(TokenKind::RBracket)) {
        finish(list->pos);
        return list;
    }
    ExprPtr first = parse_star_named_expression();
    if (at_comprehension_start()) {
        auto comp = node<ListComp>(open);
        comp->elt = std::move(first);
        comp->generators = parse_comprehension_clauses();
        expect(TokenKind::RBracket, nullptr);
        finish(comp->pos);
        return comp;
    }
    list->elts.push_back(std::move(first));
    while (accept(TokenKind::Comma)) {
        if (at(TokenKind::RBracket)) break;
        list->elts.push_back(parse_star_named_expression());
    }
    if (!at(TokenKind::RBracket)) fail_missing_comma(*list->elts.back());
    advance();
    finish(list->pos);
    return list;
}

ExprPtr Parser::parse_brace_atom() {
    const Token& open = advance();
    DepthGuard guard(*this, open);
    if (accept(TokenKind::RBrace)) {
        auto dict = node<Dict>(open);
        finish(dict->pos);
        return dict;
    }

    ExprPtr first_key, first_value;
    if (accept(TokenKind::DoubleStar)) {
        first_value = parse_bitwise_or();
    } else {
        ExprPtr first = parse_star_named_expression();
        if (!at(TokenKind::Colon) || first->is<Starred>()) {
            // A set display or set comprehension.
            if (at_comprehension_start()) {
                auto comp = node<SetComp>(open);
                comp->elt = std::move(first);
                comp->generators = parse_comprehension_clauses();
                expect(TokenKind::RBrace, nullptr);
                finish(comp->pos);
                return comp;
            }
            auto set = node<Set>(open);
            set->elts.push_back(std::move(first));
            while (accept(TokenKind::Comma)) {
                if (at(TokenKind::RBrace)) break;
                set->elts.push_back(parse_star_named_expression());
            }
            if (!at(TokenKind::RBrace)) fail_missing_comma(*set->elts.back());
            advance();
            finish(set->pos);
            return set;
        }
        const Token& colon = advance();
        if (!can_start_expression(tok()) || at(TokenKind::Star)) {
            fail_at(colon, "expression expected after dictionary key and ':'");
        }
        first_key = std::move(first);
        first_value = parse_expression();
        if (at_comprehension_start()) {
            auto comp = node<DictComp>(open);
            comp->key = std::move(first_key);
            comp->value = std::move(first_value);
            comp->generators = parse_comprehension_clauses();
            expect(TokenKind::RBrace, nullptr);
            finish(comp->pos);
            return comp;
        }
    }

    auto dict = node<Dict>(open);
    dict->keys.push_back(std::move(first_key));
    dict->values.push_back(std::move(first_value));
    while (accept(TokenKind::Comma)) {
        if (at(TokenKind::RBrace)) break;
        if (accept(TokenKind::DoubleStar)) {
            dict->keys.push_back(nullptr);
            dict->values.push_back(parse_bitwise_or());
            continue;
        }
        ExprPtr key = parse_expression();
        if (!at(TokenKind::Colon)) fail_at(*key, "':' expected after dictionary key");
        const Token& colon = advance();
        if (!can_start_expression(tok()) || at(TokenKind::Star)) {
            fail_at(colon, "expression expected after dictionary key and ':'");
        }
        dict->keys.push_back(std::move(key));
        dict->values.push_back(parse_expression());
    }
    if (!at(TokenKind::RBrace)) fail_missing_comma(*dict->values.back());
    advance();
    finish(dict->pos);
    return dict;
}

ExprPtr Parser::parse_subscript_slices() {
    const Token& start = tok();
    ExprPtr first = parse_slice();
    // a[*b] is a[(*b,)], as in CPython 3.11+.
    if (!at(TokenKind::Comma) && !first->is<Starred>()) return first;
    auto tuple = node<Tuple>(start);
    tuple->elts.push_back(std::move(first));
    while (accept(TokenKind::Comma)) {
        if (at(TokenKind::RBracket)) break;
        tuple->elts.push_back(parse_slice());
    }
    finish(tuple->pos);
    return tuple;
}

ExprPtr Parser::parse_slice() {
    const Token& start = tok();
    if (at(TokenKind::Star)) {
        auto starred = node<Starred>(advance());
        starred->value = parse_bitwise_or();
        finish(starred->pos);
        return starred;
    }
    ExprPtr lower;
    if (!at(TokenKind::Colon)) {
        lower = parse_named_expression();
        if (!at(TokenKind::Colon)) return lower;
    }
    advance();
    auto slice = node<Slice>(start);
    slice->lower = std::move(lower);
    auto at_slice_end = [this] {
        return at(TokenKind::Colon) || at(TokenKind::Comma) || at(TokenKind::RBracket);
    };
    if (!at_slice_end()) slice->upper = parse_expression();
    if (accept(TokenKind::Colon)) {
        if (!at(TokenKind::Comma) && !at(TokenKind::RBracket)) slice->step = parse_expression();
    }
    finish(slice->pos);
    return slice;
}

void Parser::parse_call_arguments(ExprList& args, std::vector<Keyword>& keywords, const Token& open,
                                  bool allow_generator) {
    DepthGuard guard(*this, open);
    bool seen_keyword = false, seen_double_star = false;
    const Expr* last = nullptr;
    while (!at(TokenKind::RParen)) {
        const Token& start = tok();
        if (at(TokenKind::Star)) {
            if (seen_double_star) {
                fail_at(tokens_[index_ - 1], "iterable argument unpacking follows keyword argument unpacking");
            }
            auto starred = node<Starred>(advance());
            starred->value = parse_expression();
            finish(starred->pos);
            last = starred.get();
            args.push_back(std::move(starred));
        } else if (at(TokenKind::DoubleStar)) {
            advance();
            Keyword keyword;
            keyword.pos = start_of(start);
            keyword.value = parse_expression();
            finish(keyword.pos);
            last = keyword.value.get();
            keywords.push_back(std::move(keyword));
            seen_double_star = true;
        } else if (at(TokenKind::Name) && tok(1).kind == TokenKind::Equal) {
            advance();
            advance();
            Keyword keyword;
            keyword.pos = start_of(start);
            keyword.arg = std::string(start.text);
            keyword.value = parse_expression();
            finish(keyword.pos);
            last = keyword.value.get();
            keywords.push_back(std::move(keyword));
            seen_keyword = true;
        } else if ((at(TokenKind::KwTrue) || at(TokenKind::KwFalse) || at(TokenKind::KwNone)) &&
                   tok(1).kind == TokenKind::Equal) {
            fail_at(start, "cannot assign to " + std::string(start.text));
        } else {
            ExprPtr e = parse_named_expression();
            if (at_comprehension_start()) {
                if (!allow_generator) fail_invalid_syntax();
                // f(x for x in y): the generator takes the call's parentheses.
                auto generator = node<GeneratorExp>(open);
                generator->elt = std::move(e);
                generator->generators = parse_comprehension_clauses();
                if (!args.empty() || !keywords.empty() || !at(TokenKind::RParen)) {
                    fail_at(*generator->elt, "Generator expression must be parenthesized");
                }
                advance();
                finish(generator->pos);
                args.push_back(std::move(generator));
                return;
            }
            if (at(TokenKind::Equal)) fail_at(*e, "expression cannot contain assignment, perhaps you meant \"==\"?");
            // CPython points just past the offending argument.
            if (seen_double_star) fail_at(tok(), "positional argument follows keyword argument unpacking");
            if (seen_keyword) fail_at(tok(), "positional argument follows keyword argument");
            last = e.get();
            args.push_back(std::move(e));
        }
        if (!accept(TokenKind::Comma)) break;
    }
    if (!at(TokenKind::RParen)) {
        if (last != nullptr) fail_missing_comma(*last);
        fail_invalid_syntax();
    }
    advance();
}

void Parser::parse_parameters(Arguments& a, TokenKind closer, bool annotations) {
    bool seen_slash = false, seen_star = false, seen_default = false;
    const Token* bare_star = nullptr;   // `*` with no name needs a keyword-only parameter after it
    auto parse_arg = [&](const Token& name) {
        Arg arg;
        arg.pos = start_of(name);
        arg.name = std::string(name.text);
        if (annotations && accept(TokenKind::Colon)) arg.annotation = parse_expression();
        finish(arg.pos);
        return arg;
    };
    while (!at(closer)) {
        const Token& t = tok();
        if (a.kwarg) fail_at(t, "arguments cannot follow var-keyword argument");
        if (at(TokenKind::Slash)) {
            if (seen_slash) fail_at(t, "/ may appear only once");
            if (seen_star) fail_at(t, "/ must be ahead of *");
            if (a.args.empty()) fail_at(t, "at least one argument must precede /");
            advance();
            seen_slash = true;
            a.posonlyargs = std::move(a.args);
            a.args.clear();
        } else if (at(TokenKind::Star)) {
            if (seen_star) fail_at(t, "* argument may appear only once");
            advance();
            seen_star = true;
            if (at(TokenKind::Name)) {
                a.vararg = std::make_unique<Arg>(parse_arg(advance()));
                if (at(TokenKind::Equal)) fail_at(tok(), "var-positional argument cannot have default value");
            } else {
                bare_star = &t;
            }
        } else if (at(TokenKind::DoubleStar)) {
            advance();
            a.kwarg = std::make_unique<Arg>(parse_arg(expect(TokenKind::Name, nullptr)));
            if (at(TokenKind::Equal)) fail_at(tok(), "var-keyword argument cannot have default value");
        } else if (at(TokenKind::Name)) {
            Arg arg = parse_arg(advance());
            ExprPtr default_value;
            if (accept(TokenKind::Equal)) default_value = parse_expression();
            if (seen_star) {
                a.kwonlyargs.push_back(std::move(arg));
                a.kw_defaults.push_back(std::move(default_value));
                bare_star = nullptr;
            } else {
                if (default_value) {
                    a.defaults.push_back(std::move(default_value));
                    seen_default = true;
                } else if (seen_default) {
                    fail_at(arg.pos, "parameter without a default follows parameter with a default");
                }
                a.args.push_back(std::move(arg));
            }
        } else {
            fail_invalid_syntax();
        }
        if (!accept(TokenKind::Comma)) break;
    }
    if (bare_star != nullptr) fail_at(*bare_star, "named arguments must follow bare *");
}

}  // namespace tl::script
