// The recursive-descent parser behind parse_module(), shared by the files that
// implement it: parser.cpp (statements), parse_expressions.cpp, parse_literals.cpp
// (numbers, strings, f-strings) and parse_targets.cpp (assignment targets). It
// follows CPython's PEG grammar (Grammar/python.gram) rule for rule where that
// matters for the tree or for the error reported. Not part of the public API.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "daemon/script/ast.h"
#include "daemon/script/diagnostic.h"
#include "daemon/script/source.h"
#include "daemon/script/token.h"
#include "daemon/script/unsupported.h"

namespace tl::script {

// How a target is being bound, which decides its context and the error wording.
enum class TargetUse { Assign, For, With, Comprehension, Delete, NamedExpr };

class Parser {
public:
    // `depth` is shared with the parsers of nested f-string fields, so nesting is
    // bounded across them.
    // `lex_error`: the lexer stopped there; it is reported when the parser needs
    // a token beyond `tokens`.
    Parser(const SourceFile& source, std::vector<Token> tokens, int& depth,
           std::optional<SyntaxError> lex_error = std::nullopt);

    std::unique_ptr<ast::Module> parse_file();
    // After parse_file() threw: whether it threw the lexer's error (it ran out of
    // tokens) and, if not, the token it failed at.
    bool hit_lex_error() const { return hit_lex_error_; }
    const Token* failure_token() const { return index_ < tokens_.size() ? &tokens_[index_] : nullptr; }
    bool failed_on_last_token() const { return index_ + 1 >= tokens_.size(); }
    // The expression of an f-string replacement field (tokens end with ENDMARKER).
    ast::ExprPtr parse_field_expression();

private:
    friend class DepthGuard;

    // --- tokens -------------------------------------------------------------
    const Token& tok(std::size_t ahead = 0) const;
    bool at(TokenKind kind) const { return tok().kind == kind; }
    bool at_soft_keyword(std::string_view word) const;
    const Token& advance();
    bool accept(TokenKind kind);
    const Token& expect(TokenKind kind, const char* message);
    bool can_start_expression(const Token& token) const;

    // --- positions ----------------------------------------------------------
    ast::Position start_of(const Token& token) const;
    void finish(ast::Position& pos) const;      // end = end of the last consumed token
    template <class T> std::unique_ptr<T> node(const Token& start) {
        auto n = std::make_unique<T>();
        n->pos = start_of(start);
        return n;
    }
    template <class T> std::unique_ptr<T> node_at(const ast::Position& start) {
        auto n = std::make_unique<T>();
        n->pos = start;
        return n;
    }

    // --- errors -------------------------------------------------------------
    [[noreturn]] void fail_at(int line, int byte_col, std::string message,
                              SyntaxErrorKind kind = SyntaxErrorKind::Syntax) const;
    [[noreturn]] void fail_at(const Token& token, std::string message,
                              SyntaxErrorKind kind = SyntaxErrorKind::Syntax) const;
    [[noreturn]] void fail_at(const ast::Position& pos, std::string message) const;
    [[noreturn]] void fail_at(const ast::Expr& expr, std::string message) const { fail_at(expr.pos, std::move(message)); }
    [[noreturn]] void fail_invalid_syntax() const;
    [[noreturn]] void fail_unsupported(const Token& token, Unsupported what) const;
    // Called where a ',' or closing bracket was expected after `previous`.
    [[noreturn]] void fail_missing_comma(const ast::Expr& previous) const;
    void enter_nesting(const ast::Position& at);
    void leave_nesting() { --depth_; }

    // --- statements (parser.cpp) ---------------------------------------------
    void parse_statement(ast::StmtList& out);
    void parse_simple_statements(ast::StmtList& out);
    ast::StmtPtr parse_simple_statement();
    ast::StmtPtr parse_expression_statement();
    ast::StmtList parse_block(const std::string& what, int header_line);
    void expect_header_colon(const char* what, const ast::Expr* condition);
    ast::StmtPtr parse_decorated();
    ast::StmtPtr parse_function_def(ast::ExprList decorators, const Token* async_token);
    ast::StmtPtr parse_class_def(ast::ExprList decorators);
    ast::StmtPtr parse_if(bool is_elif);
    ast::StmtPtr parse_while();
    ast::StmtPtr parse_for(const Token* async_token);
    ast::StmtPtr parse_with(const Token* async_token);
    void parse_with_items(std::vector<ast::WithItem>& items, bool parenthesized);
    ast::StmtPtr parse_try();
    ast::StmtPtr parse_import();
    ast::StmtPtr parse_import_from();
    ast::Alias parse_alias(bool dotted);
    bool is_match_statement() const;
    bool is_type_alias_statement() const;

    // --- expressions (parse_expressions.cpp) ---------------------------------
    ast::ExprPtr parse_star_expressions();       // a, *b, c  -> Tuple
    ast::ExprPtr parse_star_expression();
    ast::ExprPtr parse_star_named_expression();
    ast::ExprPtr parse_named_expression();
    ast::ExprPtr parse_expression();
    ast::ExprPtr parse_yield_expression();
    ast::ExprPtr parse_lambda();
    ast::ExprPtr parse_disjunction();
    ast::ExprPtr parse_conjunction();
    ast::ExprPtr parse_inversion();
    ast::ExprPtr parse_comparison();
    ast::ExprPtr parse_bitwise_or() { return parse_binary(1); }
    ast::ExprPtr parse_binary(int min_precedence);
    ast::ExprPtr parse_factor();
    ast::ExprPtr parse_power();
    ast::ExprPtr parse_primary();
    ast::ExprPtr parse_atom();
    ast::ExprPtr parse_paren_atom();
    ast::ExprPtr parse_list_atom();
    ast::ExprPtr parse_brace_atom();
    ast::ExprPtr parse_subscript_slices();
    ast::ExprPtr parse_slice();
    // `allow_generator`: f(x for x in y) is a call; class C(x for x in y) is not.
    void parse_call_arguments(ast::ExprList& args, std::vector<ast::Keyword>& keywords,
                              const Token& open_paren, bool allow_generator = true);
    std::vector<ast::Comprehension> parse_comprehension_clauses();
    bool at_comprehension_start() const;
    void parse_parameters(ast::Arguments& args, TokenKind closer, bool annotations);

    // --- targets (parse_targets.cpp) -----------------------------------------
    ast::ExprPtr parse_target_list();            // star_targets of for/comprehensions
    ast::ExprPtr parse_single_target();          // star_target of `with ... as`
    void set_target_context(ast::Expr& target, TargetUse use);
    void check_assignment(ast::Expr& target, bool value_follows_directly);

    // --- literals (parse_literals.cpp) ---------------------------------------
    ast::ExprPtr parse_number();
    ast::ExprPtr parse_strings();
    void decode_string_body(const Token& token, std::size_t begin, std::size_t end, std::string& out) const;
    std::size_t decode_escape(const Token& token, std::size_t at, std::size_t end, std::string& out) const;
    void parse_fstring(const Token& token, ast::ExprList& parts, std::string& pending,
                       ast::Position& pending_pos);
    std::size_t parse_fstring_literal(const Token& token, std::size_t at, std::size_t end, bool in_spec,
                                      ast::ExprList& parts, std::string& pending, ast::Position& pending_pos);
    std::size_t parse_fstring_field(const Token& token, std::size_t open_brace, std::size_t end,
                                    ast::ExprList& parts, std::string& pending, ast::Position& pending_pos);
    void flush_pending(ast::ExprList& parts, std::string& pending, ast::Position& pending_pos) const;
    ast::Position position_of_offset(std::size_t offset) const;

    const SourceFile& source_;
    std::vector<Token> tokens_;
    std::size_t index_ = 0;
    int& depth_;
    std::optional<SyntaxError> lex_error_;
    mutable bool hit_lex_error_ = false;
    // End of the last consumed token other than NEWLINE/INDENT/DEDENT: where the
    // node being finished ends.
    int last_end_line_ = 1;
    int last_end_col_ = 0;
};

// Counts one level of nesting for the lifetime of a recursive call.
class DepthGuard {
public:
    DepthGuard(Parser& parser, const Token& at) : parser_(parser) { parser_.enter_nesting(parser.start_of(at)); }
    DepthGuard(Parser& parser, const ast::Position& at) : parser_(parser) { parser_.enter_nesting(at); }
    ~DepthGuard() { parser_.leave_nesting(); }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

private:
    Parser& parser_;
};

// Name CPython uses for an expression in messages ("function call", "literal"...).
const char* expression_description(const ast::Expr& expr);

}  // namespace tl::script
