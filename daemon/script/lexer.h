// The scenario lexer: turns UTF-8 Python source into tokens the way CPython's
// tokenizer does (NEWLINE/INDENT/DEDENT, implicit joining inside brackets, backslash
// continuation), stopping at the first error. The parser drives it per module and,
// for f-string replacement fields, per field.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/script/diagnostic.h"
#include "daemon/script/source.h"
#include "daemon/script/token.h"

namespace tl::script {

// Brackets nested deeper than this are refused, as CPython does (its MAXLEVEL).
inline constexpr int kMaxBracketNesting = 200;

struct LexResult {
    std::vector<Token> tokens;          // ends with ENDMARKER when there is no error
    std::optional<SyntaxError> error;
    bool ok() const { return !error.has_value(); }
};

// Tokenizes a whole module. Tokens point into `source`, which must outlive them.
LexResult lex(std::string_view source, std::string filename = "<string>");

class Lexer {
public:
    explicit Lexer(const SourceFile& source);

    // Module mode. Throws SyntaxErrorException on the first error.
    std::vector<Token> tokenize_module();
    // After tokenize_module() threw: the tokens before the error. The parser
    // consumes them first, so an earlier syntax error wins, as in CPython, whose
    // parser pulls tokens lazily.
    std::vector<Token> take_tokens() { return std::move(tokens_); }

    // How an error found by tokenize_module() ranks against a parser error found
    // earlier in the file; this mirrors what CPython does after a parse failure
    // (it tokenizes the rest of the source and lets tokenizer errors win).
    enum class ErrorRank {
        Definite,         // wins over an earlier parser error
        Weak,             // CPython's tokenizer accepts it ('$'): the parser error wins
        UnclosedBracket,  // "'(' was never closed": wins when the parse failed inside it
    };
    ErrorRank error_rank() const { return error_rank_; }
    // For UnclosedBracket: offset of the bracket that was never closed.
    std::size_t unclosed_bracket_offset() const { return unclosed_bracket_offset_; }

    // f-string replacement-field mode: tokenizes the expression that starts at byte
    // `begin` and stops before the first top-level '}', ':', '=' or '!' that ends
    // it (not '==', '!='), or at `end` (the closing quote of the f-string).
    // Returns the tokens (no NEWLINE/ENDMARKER) and sets `stop` to where it stopped.
    std::vector<Token> tokenize_fstring_field(std::size_t begin, std::size_t end, std::size_t& stop);

private:
    struct Bracket {
        char ch;
        int line, col;
        std::size_t offset;
    };

    char peek(std::size_t ahead = 0) const { return pos_ + ahead < end_ ? text_[pos_ + ahead] : '\0'; }
    bool at_end() const { return pos_ >= end_; }
    int col() const { return static_cast<int>(pos_ - line_start_); }
    bool at_newline() const { return !at_end() && (text_[pos_] == '\n' || text_[pos_] == '\r'); }
    void consume_newline();
    void seek(std::size_t offset);

    void check_source();
    void handle_line_start();
    bool scan_token();   // one token of the line body; false at end of input
    void scan_name_or_string();
    void scan_string(std::size_t start, int start_line, int start_col, std::uint8_t flags, std::size_t prefix_len);
    void scan_number();
    void scan_operator();
    void finish_module();

    void push(TokenKind kind, std::size_t start, int line, int col);
    [[noreturn]] void fail(int line, int byte_col, std::string message,
                           SyntaxErrorKind kind = SyntaxErrorKind::Syntax) const;
    [[noreturn]] void fail_invalid_character(std::size_t at);

    const SourceFile& source_;
    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t end_ = 0;
    int line_ = 1;
    std::size_t line_start_ = 0;
    bool field_mode_ = false;
    bool at_line_start_ = true;
    std::vector<Token> tokens_;
    std::vector<Bracket> brackets_;
    std::vector<int> indents_{0};       // tab stops every 8 columns
    std::vector<int> alt_indents_{0};   // tabs counted as 1, to detect tab/space mixing
    ErrorRank error_rank_ = ErrorRank::Definite;
    std::size_t unclosed_bracket_offset_ = 0;
};

}  // namespace tl::script
