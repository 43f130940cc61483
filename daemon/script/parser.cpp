// parse_module() and the statement half of the parser: token access, positions,
// error reporting, and every simple and compound statement of the subset.
#include "daemon/script/parser.h"

#include "daemon/script/lexer.h"
#include "daemon/script/parser_internal.h"

namespace tl::script {

using namespace ast;

ParseResult parse_module(std::string_view source, std::string filename) {
    ParseResult result;
    SourceFile file(source, std::move(filename));
    Lexer lexer(file);
    std::vector<Token> tokens;
    std::optional<SyntaxError> lex_error;
    try {
        tokens = lexer.tokenize_module();
    } catch (const SyntaxErrorException& e) {
        lex_error = e.error;
        tokens = lexer.take_tokens();
    }
    int depth = 0;
    Parser parser(file, std::move(tokens), depth, lex_error);
    try {
        result.module = parser.parse_file();
    } catch (const SyntaxErrorException& e) {
        result.module.reset();
        result.error = e.error;
        if (lex_error && !parser.hit_lex_error() && !e.preferred) {
            // The parser failed before reaching the lexer's error. Rank them the
            // way CPython does (see Lexer::ErrorRank).
            switch (lexer.error_rank()) {
            case Lexer::ErrorRank::Definite: result.error = lex_error; break;
            case Lexer::ErrorRank::Weak: break;
            case Lexer::ErrorRank::UnclosedBracket: {
                const Token* failed = parser.failure_token();
                bool inside = failed != nullptr && failed->offset > lexer.unclosed_bracket_offset();
                if (inside && (failed->line > lex_error->line || parser.failed_on_last_token())) {
                    result.error = lex_error;
                }
                break;
            }
            }
        }
    }
    return result;
}

Parser::Parser(const SourceFile& source, std::vector<Token> tokens, int& depth,
               std::optional<SyntaxError> lex_error)
    : source_(source), tokens_(std::move(tokens)), depth_(depth), lex_error_(std::move(lex_error)) {
    if (!lex_error_ && (tokens_.empty() || tokens_.back().kind != TokenKind::EndMarker)) {
        Token end;
        end.kind = TokenKind::EndMarker;
        if (!tokens_.empty()) {
            end.line = end.end_line = tokens_.back().end_line;
            end.col = end.end_col = tokens_.back().end_col;
            end.offset = tokens_.back().offset + tokens_.back().text.size();
        }
        tokens_.push_back(end);
    }
}

// ---------------------------------------------------------------------------
// Tokens, positions, errors

const Token& Parser::tok(std::size_t ahead) const {
    std::size_t i = index_ + ahead;
    if (i < tokens_.size()) return tokens_[i];
    if (lex_error_) {
        hit_lex_error_ = true;
        throw SyntaxErrorException{*lex_error_};
    }
    return tokens_.back();
}

bool Parser::at_soft_keyword(std::string_view word) const {
    return at(TokenKind::Name) && tok().text == word;
}

const Token& Parser::advance() {
    const Token& t = tok();
    if (t.kind != TokenKind::Newline && t.kind != TokenKind::Indent && t.kind != TokenKind::Dedent &&
        t.kind != TokenKind::EndMarker) {
        last_end_line_ = t.end_line;
        last_end_col_ = t.end_col;
    }
    if (t.kind != TokenKind::EndMarker) ++index_;
    return t;
}

bool Parser::accept(TokenKind kind) {
    if (!at(kind)) return false;
    advance();
    return true;
}

const Token& Parser::expect(TokenKind kind, const char* message) {
    if (!at(kind)) {
        if (message == nullptr) fail_invalid_syntax();
        fail_at(tok(), message);
    }
    return advance();
}

bool Parser::can_start_expression(const Token& token) const {
    switch (token.kind) {
    case TokenKind::Name: case TokenKind::Number: case TokenKind::String:
    case TokenKind::LParen: case TokenKind::LBracket: case TokenKind::LBrace:
    case TokenKind::Minus: case TokenKind::Plus: case TokenKind::Tilde:
    case TokenKind::KwNone: case TokenKind::KwTrue: case TokenKind::KwFalse:
    case TokenKind::KwLambda: case TokenKind::KwNot: case TokenKind::KwAwait:
    case TokenKind::Ellipsis: case TokenKind::Star:
        return true;
    default:
        return false;
    }
}

Position Parser::start_of(const Token& token) const {
    Position pos;
    pos.line = pos.end_line = token.line;
    pos.col = pos.end_col = token.col;
    return pos;
}

void Parser::finish(Position& pos) const {
    pos.end_line = last_end_line_;
    pos.end_col = last_end_col_;
}

void Parser::fail_at(int line, int byte_col, std::string message, SyntaxErrorKind kind) const {
    throw SyntaxErrorException{make_syntax_error(source_, line, byte_col, std::move(message), kind)};
}

void Parser::fail_at(const Token& token, std::string message, SyntaxErrorKind kind) const {
    // At the end of input CPython points just past the last character of the
    // last line, not at the empty line after it.
    if ((token.kind == TokenKind::EndMarker || token.kind == TokenKind::Dedent) &&
        token.offset >= source_.text().size()) {
        int line = source_.line_of(source_.text().empty() ? 0 : source_.text().size() - 1);
        fail_at(line, static_cast<int>(source_.line_text(line).size()), std::move(message), kind);
    }
    fail_at(token.line, token.col, std::move(message), kind);
}

void Parser::fail_at(const Position& pos, std::string message) const {
    fail_at(pos.line, pos.col, std::move(message));
}

void Parser::fail_invalid_syntax() const { fail_at(tok(), "invalid syntax"); }

void Parser::fail_unsupported(const Token& token, Unsupported what) const {
    fail_at(token, unsupported_message(what));
}

void Parser::fail_missing_comma(const Expr& previous) const {
    // CPython's invalid_expression rule: two expressions side by side inside
    // brackets are most likely a missing comma (but not `name "string"`).
    const Token& next = tok();
    bool next_is_expression = can_start_expression(next) && next.kind != TokenKind::Star &&
                              next.kind != TokenKind::Minus && next.kind != TokenKind::Plus &&
                              next.kind != TokenKind::Tilde;
    if (next_is_expression && !(previous.is<Name>() && next.kind == TokenKind::String)) {
        fail_at(previous, "invalid syntax. Perhaps you forgot a comma?");
    }
    fail_invalid_syntax();
}

void Parser::enter_nesting(const Position& at) {
    if (++depth_ > kMaxNesting) {
        --depth_;
        fail_at(at, "too deeply nested: more than " + std::to_string(kMaxNesting) +
                        " levels of nested expressions or blocks; split this into smaller parts");
    }
}

// ---------------------------------------------------------------------------
// Statements

std::unique_ptr<Module> Parser::parse_file() {
    auto module = std::make_unique<Module>();
    while (!at(TokenKind::EndMarker)) parse_statement(module->body);
    return module;
}

bool Parser::is_match_statement() const {
    // `match` is a soft keyword: it starts a match statement only when the
    // logical line is a block header, i.e. ends with ':'.
    if (!at_soft_keyword("match")) return false;
    const Token& next = tok(1);
    if (next.kind == TokenKind::Equal || next.kind == TokenKind::Colon || next.kind == TokenKind::Newline ||
        next.kind == TokenKind::Dot) {
        return false;
    }
    // Stop at ';' too: a header cannot follow one, and scanning on would make a
    // line of `match (x); match (x); ...` quadratic.
    for (std::size_t i = index_ + 1; i + 1 < tokens_.size(); ++i) {
        if (tokens_[i].kind == TokenKind::Semi) return false;
        if (tokens_[i + 1].kind == TokenKind::Newline) return tokens_[i].kind == TokenKind::Colon;
    }
    return false;
}

bool Parser::is_type_alias_statement() const {
    return at_soft_keyword("type") && tok(1).kind == TokenKind::Name &&
           (tok(2).kind == TokenKind::Equal || tok(2).kind == TokenKind::LBracket);
}

void Parser::parse_statement(StmtList& out) {
    const Token& t = tok();
    switch (t.kind) {
    case TokenKind::Indent:
        // CPython points at the last character of the indentation.
        fail_at(t.line, t.end_col > 0 ? t.end_col - 1 : 0, "unexpected indent", SyntaxErrorKind::Indentation);
    case TokenKind::KwDef: out.push_back(parse_function_def({}, nullptr)); return;
    case TokenKind::KwClass: out.push_back(parse_class_def({})); return;
    case TokenKind::At: out.push_back(parse_decorated()); return;
    case TokenKind::KwIf: out.push_back(parse_if(false)); return;
    case TokenKind::KwWhile: out.push_back(parse_while()); return;
    case TokenKind::KwFor: out.push_back(parse_for(nullptr)); return;
    case TokenKind::KwTry: out.push_back(parse_try()); return;
    case TokenKind::KwWith: out.push_back(parse_with(nullptr)); return;
    case TokenKind::KwAsync: {
        const Token& async_token = advance();
        switch (tok().kind) {
        case TokenKind::KwDef: out.push_back(parse_function_def({}, &async_token)); return;
        case TokenKind::KwFor: out.push_back(parse_for(&async_token)); return;
        case TokenKind::KwWith: out.push_back(parse_with(&async_token)); return;
        default: fail_invalid_syntax();
        }
    }
    case TokenKind::Name:
        if (is_match_statement()) fail_unsupported(t, Unsupported::MatchStatement);
        if (is_type_alias_statement()) fail_unsupported(t, Unsupported::TypeAliasStatement);
        break;
    default: break;
    }
    parse_simple_statements(out);
}

void Parser::parse_simple_statements(StmtList& out) {
    for (;;) {
        out.push_back(parse_simple_statement());
        if (!accept(TokenKind::Semi)) break;
        if (at(TokenKind::Newline)) break;
    }
    if (!at(TokenKind::Newline)) fail_invalid_syntax();
    advance();
}

StmtList Parser::parse_block(const std::string& what, int header_line) {
    StmtList body;
    if (!accept(TokenKind::Newline)) {
        parse_simple_statements(body);
        return body;
    }
    if (!at(TokenKind::Indent)) {
        fail_at(tok(), "expected an indented block after " + what + " on line " + std::to_string(header_line),
                SyntaxErrorKind::Indentation);
    }
    DepthGuard guard(*this, tok());
    advance();
    while (!at(TokenKind::Dedent) && !at(TokenKind::EndMarker)) parse_statement(body);
    advance();
    return body;
}

void Parser::expect_header_colon(const char* what, const Expr* condition) {
    if (accept(TokenKind::Colon)) return;
    if (at(TokenKind::Equal) && condition != nullptr) {
        // `if x = 1:` -- CPython's invalid_named_expression rule.
        if (condition->is<Name>()) {
            fail_at(*condition, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
        }
        switch (condition->kind) {
        case ExprKind::Compare: case ExprKind::BoolOp: case ExprKind::IfExp: case ExprKind::Lambda:
        case ExprKind::NamedExpr: case ExprKind::List: case ExprKind::Tuple: case ExprKind::GeneratorExp:
            break;
        case ExprKind::UnaryOp:
            if (condition->as<UnaryOp>().op == UnaryOpKind::Not) break;
            [[fallthrough]];
        default:
            fail_at(*condition, std::string("cannot assign to ") + expression_description(*condition) +
                                    " here. Maybe you meant '==' instead of '='?");
        }
    }
    fail_at(tok(), std::string("expected ':'") + (what ? std::string(" after ") + what : std::string()));
}

StmtPtr Parser::parse_decorated() {
    ExprList decorators;
    while (at(TokenKind::At)) {
        advance();
        decorators.push_back(parse_named_expression());
        expect(TokenKind::Newline, nullptr);
    }
    switch (tok().kind) {
    case TokenKind::KwDef: return parse_function_def(std::move(decorators), nullptr);
    case TokenKind::KwClass: return parse_class_def(std::move(decorators));
    case TokenKind::KwAsync:
        if (tok(1).kind == TokenKind::KwDef) {
            const Token& async_token = advance();
            return parse_function_def(std::move(decorators), &async_token);
        }
        advance();
        fail_invalid_syntax();
    default: fail_invalid_syntax();
    }
}

StmtPtr Parser::parse_function_def(ExprList decorators, const Token* async_token) {
    const Token& def = expect(TokenKind::KwDef, nullptr);
    auto fn = std::make_unique<FunctionDef>(async_token != nullptr);
    fn->pos = start_of(async_token ? *async_token : def);
    fn->decorator_list = std::move(decorators);
    fn->name = std::string(expect(TokenKind::Name, nullptr).text);
    if (at(TokenKind::LBracket)) fail_unsupported(tok(), Unsupported::TypeParameters);
    if (!at(TokenKind::LParen)) fail_at(tok(), "expected '('");
    advance();
    parse_parameters(fn->args, TokenKind::RParen, true);
    expect(TokenKind::RParen, nullptr);
    if (accept(TokenKind::RArrow)) fn->returns = parse_expression();
    expect_header_colon(nullptr, nullptr);
    fn->body = parse_block("function definition", def.line);
    finish(fn->pos);
    return fn;
}

StmtPtr Parser::parse_class_def(ExprList decorators) {
    const Token& class_token = expect(TokenKind::KwClass, nullptr);
    auto cls = node<ClassDef>(class_token);
    cls->decorator_list = std::move(decorators);
    cls->name = std::string(expect(TokenKind::Name, nullptr).text);
    if (at(TokenKind::LBracket)) fail_unsupported(tok(), Unsupported::TypeParameters);
    if (at(TokenKind::LParen)) {
        const Token& open = advance();
        parse_call_arguments(cls->bases, cls->keywords, open, false);
    }
    expect_header_colon(nullptr, nullptr);
    cls->body = parse_block("class definition", class_token.line);
    finish(cls->pos);
    return cls;
}

StmtPtr Parser::parse_if(bool is_elif) {
    const Token& keyword = advance();
    auto stmt = node<If>(keyword);
    stmt->test = parse_named_expression();
    expect_header_colon(is_elif ? "'elif' condition" : "'if' condition", stmt->test.get());
    stmt->body = parse_block(is_elif ? "'elif' statement" : "'if' statement", keyword.line);
    if (at(TokenKind::KwElif)) {
        // An elif chain nests If nodes, so it counts towards the depth limit.
        DepthGuard guard(*this, tok());
        stmt->orelse.push_back(parse_if(true));
    } else if (at(TokenKind::KwElse)) {
        const Token& else_token = advance();
        expect_header_colon("'else'", nullptr);
        stmt->orelse = parse_block("'else' statement", else_token.line);
    }
    finish(stmt->pos);
    return stmt;
}

StmtPtr Parser::parse_while() {
    const Token& keyword = advance();
    auto stmt = node<While>(keyword);
    stmt->test = parse_named_expression();
    expect_header_colon("'while' condition", stmt->test.get());
    stmt->body = parse_block("'while' statement", keyword.line);
    if (at(TokenKind::KwElse)) {
        const Token& else_token = advance();
        expect_header_colon("'else'", nullptr);
        stmt->orelse = parse_block("'else' statement", else_token.line);
    }
    finish(stmt->pos);
    return stmt;
}

StmtPtr Parser::parse_for(const Token* async_token) {
    const Token& keyword = advance();
    auto stmt = std::make_unique<For>(async_token != nullptr);
    stmt->pos = start_of(async_token ? *async_token : keyword);
    stmt->target = parse_target_list();
    set_target_context(*stmt->target, TargetUse::For);
    expect(TokenKind::KwIn, nullptr);
    stmt->iter = parse_star_expressions();
    expect_header_colon("'for' loop header", nullptr);
    stmt->body = parse_block("'for' statement", keyword.line);
    if (at(TokenKind::KwElse)) {
        const Token& else_token = advance();
        expect_header_colon("'else'", nullptr);
        stmt->orelse = parse_block("'else' statement", else_token.line);
    }
    finish(stmt->pos);
    return stmt;
}

void Parser::parse_with_items(std::vector<WithItem>& items, bool parenthesized) {
    for (;;) {
        WithItem item;
        item.context_expr = parse_expression();
        if (accept(TokenKind::KwAs)) {
            item.optional_vars = parse_single_target();
            set_target_context(*item.optional_vars, TargetUse::With);
        }
        items.push_back(std::move(item));
        if (!accept(TokenKind::Comma)) break;
        if (parenthesized && at(TokenKind::RParen)) break;
    }
}

StmtPtr Parser::parse_with(const Token* async_token) {
    const Token& keyword = advance();
    auto stmt = std::make_unique<With>(async_token != nullptr);
    stmt->pos = start_of(async_token ? *async_token : keyword);
    bool parsed = false;
    if (at(TokenKind::LParen)) {
        // `with (a as b, c):` (3.9+) and `with (a, b) as c:` both start with '(';
        // try the parenthesized item list first and fall back, as CPython's PEG does.
        std::size_t saved_index = index_;
        int saved_depth = depth_, saved_line = last_end_line_, saved_col = last_end_col_;
        try {
            advance();
            parse_with_items(stmt->items, true);
            if (accept(TokenKind::RParen) && at(TokenKind::Colon)) parsed = true;
        } catch (const SyntaxErrorException&) {
        }
        if (!parsed) {
            stmt->items.clear();
            index_ = saved_index;
            depth_ = saved_depth;
            last_end_line_ = saved_line;
            last_end_col_ = saved_col;
        }
    }
    if (!parsed) parse_with_items(stmt->items, false);
    expect_header_colon("'with' items", nullptr);
    stmt->body = parse_block("'with' statement", keyword.line);
    finish(stmt->pos);
    return stmt;
}

StmtPtr Parser::parse_try() {
    const Token& keyword = advance();
    expect_header_colon("'try'", nullptr);
    StmtList body = parse_block("'try' statement", keyword.line);
    std::vector<ExceptHandler> handlers;
    bool first_is_star = false;
    while (at(TokenKind::KwExcept)) {
        const Token& except = advance();
        bool star = accept(TokenKind::Star);
        if (handlers.empty()) {
            first_is_star = star;
        } else if (star != first_is_star) {
            fail_at(except, "cannot have both 'except' and 'except*' on the same 'try'");
        }
        ExceptHandler handler;
        handler.pos = start_of(except);
        if (at(TokenKind::Colon)) {
            if (star) fail_at(tok(), "expected one or more exception types");
        } else {
            handler.type = parse_expression();
            if (at(TokenKind::Comma)) fail_at(*handler.type, "multiple exception types must be parenthesized");
            if (accept(TokenKind::KwAs)) handler.name = std::string(expect(TokenKind::Name, nullptr).text);
        }
        expect_header_colon(star ? "'except*' clause" : "'except' clause", nullptr);
        handler.body = parse_block(star ? "'except*' statement" : "'except' statement", except.line);
        finish(handler.pos);
        handlers.push_back(std::move(handler));
    }
    auto stmt = std::make_unique<Try>(first_is_star);
    stmt->pos = start_of(keyword);
    stmt->body = std::move(body);
    stmt->handlers = std::move(handlers);
    if (!stmt->handlers.empty() && at(TokenKind::KwElse)) {
        const Token& else_token = advance();
        expect_header_colon("'else'", nullptr);
        stmt->orelse = parse_block("'else' statement", else_token.line);
    }
    if (at(TokenKind::KwFinally)) {
        const Token& finally = advance();
        expect_header_colon("'finally'", nullptr);
        stmt->finalbody = parse_block("'finally' statement", finally.line);
    }
    if (stmt->handlers.empty() && stmt->finalbody.empty()) {
        fail_at(tok(), "expected 'except' or 'finally' block");
    }
    finish(stmt->pos);
    return stmt;
}

Alias Parser::parse_alias(bool dotted) {
    Alias alias;
    const Token& first = expect(TokenKind::Name, nullptr);
    alias.pos = start_of(first);
    alias.name = std::string(first.text);
    while (dotted && accept(TokenKind::Dot)) {
        alias.name += '.';
        alias.name += expect(TokenKind::Name, nullptr).text;
    }
    if (accept(TokenKind::KwAs)) alias.asname = std::string(expect(TokenKind::Name, nullptr).text);
    finish(alias.pos);
    return alias;
}

StmtPtr Parser::parse_import() {
    auto stmt = node<Import>(advance());
    do {
        stmt->names.push_back(parse_alias(true));
    } while (accept(TokenKind::Comma));
    finish(stmt->pos);
    return stmt;
}

StmtPtr Parser::parse_import_from() {
    auto stmt = node<ImportFrom>(advance());
    for (;;) {
        if (accept(TokenKind::Dot)) {
            stmt->level += 1;
        } else if (accept(TokenKind::Ellipsis)) {
            stmt->level += 3;
        } else {
            break;
        }
    }
    if (at(TokenKind::Name)) {
        std::string module(advance().text);
        while (accept(TokenKind::Dot)) {
            module += '.';
            module += expect(TokenKind::Name, nullptr).text;
        }
        stmt->module = std::move(module);
    } else if (stmt->level == 0) {
        fail_invalid_syntax();
    }
    expect(TokenKind::KwImport, nullptr);
    if (at(TokenKind::Star)) {
        Alias star;
        star.pos = start_of(advance());
        star.name = "*";
        finish(star.pos);
        stmt->names.push_back(std::move(star));
    } else if (accept(TokenKind::LParen)) {
        do {
            if (at(TokenKind::RParen) && !stmt->names.empty()) break;
            stmt->names.push_back(parse_alias(false));
        } while (accept(TokenKind::Comma));
        expect(TokenKind::RParen, nullptr);
    } else {
        for (;;) {
            stmt->names.push_back(parse_alias(false));
            if (!accept(TokenKind::Comma)) break;
            if (at(TokenKind::Newline) || at(TokenKind::Semi)) {
                fail_at(tok(), "trailing comma not allowed without surrounding parentheses");
            }
        }
    }
    finish(stmt->pos);
    return stmt;
}

StmtPtr Parser::parse_simple_statement() {
    const Token& start = tok();
    auto at_statement_end = [this] { return at(TokenKind::Newline) || at(TokenKind::Semi); };
    switch (start.kind) {
    case TokenKind::KwPass: { auto s = node<Pass>(advance()); finish(s->pos); return s; }
    case TokenKind::KwBreak: { auto s = node<Break>(advance()); finish(s->pos); return s; }
    case TokenKind::KwContinue: { auto s = node<Continue>(advance()); finish(s->pos); return s; }
    case TokenKind::KwReturn: {
        auto s = node<Return>(advance());
        if (!at_statement_end()) s->value = parse_star_expressions();
        finish(s->pos);
        return s;
    }
    case TokenKind::KwRaise: {
        auto s = node<Raise>(advance());
        if (!at_statement_end()) {
            s->exc = parse_expression();
            if (accept(TokenKind::KwFrom)) s->cause = parse_expression();
        }
        finish(s->pos);
        return s;
    }
    case TokenKind::KwGlobal:
    case TokenKind::KwNonlocal: {
        advance();
        std::vector<std::string> names;
        do {
            names.emplace_back(expect(TokenKind::Name, nullptr).text);
        } while (accept(TokenKind::Comma));
        if (start.kind == TokenKind::KwGlobal) {
            auto s = node<Global>(start);
            s->names = std::move(names);
            finish(s->pos);
            return s;
        }
        auto s = node<Nonlocal>(start);
        s->names = std::move(names);
        finish(s->pos);
        return s;
    }
    case TokenKind::KwDel: {
        auto s = node<Delete>(advance());
        for (;;) {
            ExprPtr target;
            if (at(TokenKind::Star)) {
                auto starred = node<Starred>(advance());
                starred->value = parse_bitwise_or();
                finish(starred->pos);
                target = std::move(starred);
            } else {
                target = parse_bitwise_or();
            }
            set_target_context(*target, TargetUse::Delete);
            s->targets.push_back(std::move(target));
            if (!accept(TokenKind::Comma) || at_statement_end()) break;
        }
        finish(s->pos);
        return s;
    }
    case TokenKind::KwAssert: {
        auto s = node<Assert>(advance());
        s->test = parse_expression();
        if (accept(TokenKind::Comma)) s->msg = parse_expression();
        finish(s->pos);
        return s;
    }
    case TokenKind::KwImport: return parse_import();
    case TokenKind::KwFrom: return parse_import_from();
    default: return parse_expression_statement();
    }
}

namespace {

bool augmented_operator(TokenKind kind, BinOpKind& op) {
    switch (kind) {
    case TokenKind::PlusEqual: op = BinOpKind::Add; return true;
    case TokenKind::MinusEqual: op = BinOpKind::Sub; return true;
    case TokenKind::StarEqual: op = BinOpKind::Mult; return true;
    case TokenKind::AtEqual: op = BinOpKind::MatMult; return true;
    case TokenKind::SlashEqual: op = BinOpKind::Div; return true;
    case TokenKind::PercentEqual: op = BinOpKind::Mod; return true;
    case TokenKind::AmperEqual: op = BinOpKind::BitAnd; return true;
    case TokenKind::VBarEqual: op = BinOpKind::BitOr; return true;
    case TokenKind::CircumflexEqual: op = BinOpKind::BitXor; return true;
    case TokenKind::LeftShiftEqual: op = BinOpKind::LShift; return true;
    case TokenKind::RightShiftEqual: op = BinOpKind::RShift; return true;
    case TokenKind::DoubleStarEqual: op = BinOpKind::Pow; return true;
    case TokenKind::DoubleSlashEqual: op = BinOpKind::FloorDiv; return true;
    default: return false;
    }
}

}  // namespace

StmtPtr Parser::parse_expression_statement() {
    const Token& start = tok();
    auto parse_value = [this] { return at(TokenKind::KwYield) ? parse_yield_expression() : parse_star_expressions(); };
    ExprPtr first = parse_value();

    if (at(TokenKind::Colon)) {
        auto s = node<AnnAssign>(start);
        if (first->is<Tuple>()) fail_at(*first, "only single target (not tuple) can be annotated");
        if (first->is<List>()) fail_at(*first, "only single target (not list) can be annotated");
        if (!first->is<Name>() && !first->is<Attribute>() && !first->is<Subscript>()) {
            fail_at(*first, "illegal target for annotation");
        }
        advance();
        s->simple = first->is<Name>() && start.kind == TokenKind::Name;
        set_target_context(*first, TargetUse::Assign);
        s->target = std::move(first);
        s->annotation = parse_expression();
        if (accept(TokenKind::Equal)) s->value = parse_value();
        finish(s->pos);
        return s;
    }

    if (at(TokenKind::Equal)) {
        auto s = node<Assign>(start);
        ExprList chain;
        chain.push_back(std::move(first));
        while (accept(TokenKind::Equal)) chain.push_back(parse_value());
        s->value = std::move(chain.back());
        chain.pop_back();
        for (std::size_t i = 0; i < chain.size(); ++i) {
            bool last_target = i + 1 == chain.size();
            bool value_is_simple = !s->value->is<Yield>() && !s->value->is<YieldFrom>() &&
                                   !s->value->is<Lambda>() && !s->value->is<Starred>() &&
                                   !(s->value->is<UnaryOp>() && s->value->as<UnaryOp>().op == UnaryOpKind::Not);
            check_assignment(*chain[i], last_target && value_is_simple);
        }
        s->targets = std::move(chain);
        finish(s->pos);
        return s;
    }

    BinOpKind op;
    if (augmented_operator(tok().kind, op)) {
        if (!first->is<Name>() && !first->is<Attribute>() && !first->is<Subscript>()) {
            fail_at(*first, std::string("'") + expression_description(*first) +
                                "' is an illegal expression for augmented assignment");
        }
        advance();
        auto s = node<AugAssign>(start);
        set_target_context(*first, TargetUse::Assign);
        s->target = std::move(first);
        s->op = op;
        s->value = parse_value();
        finish(s->pos);
        return s;
    }

    if (first->is<Name>() && (first->as<Name>().id == "print" || first->as<Name>().id == "exec") &&
        can_start_expression(tok()) && !at(TokenKind::LParen) && !at(TokenKind::LBracket) &&
        !at(TokenKind::Minus) && !at(TokenKind::Plus) && !at(TokenKind::Star)) {
        const std::string& id = first->as<Name>().id;
        fail_at(*first, "Missing parentheses in call to '" + id + "'. Did you mean " + id + "(...)?");
    }
    auto s = node<ExprStmt>(start);
    s->value = std::move(first);
    finish(s->pos);
    return s;
}

}  // namespace tl::script
