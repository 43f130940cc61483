// Tokens produced by the scenario lexer: Python's token set (NAME, NUMBER, STRING,
// operators, NEWLINE/INDENT/DEDENT) with keywords given kinds of their own so the
// parser can switch on them. Soft keywords (match, case, type) stay NAMEs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tl::script {

// Operators, longest spelling first within a prefix is handled by the lexer.
#define TL_SCRIPT_OPERATORS(X)                                                      \
    X(LParen, "(") X(RParen, ")") X(LBracket, "[") X(RBracket, "]")                 \
    X(LBrace, "{") X(RBrace, "}") X(Colon, ":") X(Comma, ",") X(Semi, ";")          \
    X(Plus, "+") X(Minus, "-") X(Star, "*") X(Slash, "/") X(VBar, "|")              \
    X(Amper, "&") X(Less, "<") X(Greater, ">") X(Equal, "=") X(Dot, ".")            \
    X(Percent, "%") X(EqEqual, "==") X(NotEqual, "!=") X(LessEqual, "<=")           \
    X(GreaterEqual, ">=") X(Tilde, "~") X(Circumflex, "^") X(LeftShift, "<<")       \
    X(RightShift, ">>") X(DoubleStar, "**") X(PlusEqual, "+=") X(MinusEqual, "-=")  \
    X(StarEqual, "*=") X(SlashEqual, "/=") X(PercentEqual, "%=")                    \
    X(AmperEqual, "&=") X(VBarEqual, "|=") X(CircumflexEqual, "^=")                 \
    X(LeftShiftEqual, "<<=") X(RightShiftEqual, ">>=") X(DoubleStarEqual, "**=")    \
    X(DoubleSlash, "//") X(DoubleSlashEqual, "//=") X(At, "@") X(AtEqual, "@=")     \
    X(RArrow, "->") X(Ellipsis, "...") X(ColonEqual, ":=") X(Exclamation, "!")

#define TL_SCRIPT_KEYWORDS(X)                                                       \
    X(KwFalse, "False") X(KwNone, "None") X(KwTrue, "True") X(KwAnd, "and")         \
    X(KwAs, "as") X(KwAssert, "assert") X(KwAsync, "async") X(KwAwait, "await")     \
    X(KwBreak, "break") X(KwClass, "class") X(KwContinue, "continue")               \
    X(KwDef, "def") X(KwDel, "del") X(KwElif, "elif") X(KwElse, "else")             \
    X(KwExcept, "except") X(KwFinally, "finally") X(KwFor, "for") X(KwFrom, "from") \
    X(KwGlobal, "global") X(KwIf, "if") X(KwImport, "import") X(KwIn, "in")         \
    X(KwIs, "is") X(KwLambda, "lambda") X(KwNonlocal, "nonlocal") X(KwNot, "not")   \
    X(KwOr, "or") X(KwPass, "pass") X(KwRaise, "raise") X(KwReturn, "return")       \
    X(KwTry, "try") X(KwWhile, "while") X(KwWith, "with") X(KwYield, "yield")

enum class TokenKind : std::uint8_t {
    EndMarker,
    Newline,
    Indent,
    Dedent,
    Name,
    Number,
    String,
#define TL_X(name, text) name,
    TL_SCRIPT_OPERATORS(TL_X) TL_SCRIPT_KEYWORDS(TL_X)
#undef TL_X
};

// Prefix letters of a string token (case-insensitive in the source).
enum StringFlag : std::uint8_t {
    kStringRaw = 1,
    kStringFormat = 2,
    kStringBytes = 4,
    kStringUnicode = 8,   // the legacy u'' prefix; kept because ast records kind='u'
};

struct Token {
    TokenKind kind = TokenKind::EndMarker;
    // The exact source text (for strings: prefix and quotes included). Empty for
    // INDENT/DEDENT/ENDMARKER; a view into the source, which must outlive the token.
    std::string_view text;
    int line = 0, col = 0;            // start: 1-based line, 0-based byte column
    int end_line = 0, end_col = 0;    // one past the last byte
    std::size_t offset = 0;           // byte offset of the start in the source
    std::uint8_t string_flags = 0;    // StringFlag bits, for String tokens
    std::uint8_t quote_len = 0;       // 1 or 3, for String tokens
    std::uint8_t prefix_len = 0;      // letters before the opening quote
};

// "NAME", "'('", "'if'" ... for messages and token dumps.
const char* token_kind_name(TokenKind kind);
// The spelling of an operator or keyword, or "" for the other kinds.
std::string_view token_kind_text(TokenKind kind);
// Keyword kind for an identifier, or TokenKind::Name.
TokenKind keyword_kind(std::string_view identifier);
bool is_keyword(TokenKind kind);

}  // namespace tl::script
