// Lexer tests: the token stream for Python's line structure (NEWLINE, INDENT,
// DEDENT, joining, continuation, comments, tabs), operators, keywords, numbers and
// string tokens, plus the position conventions (1-based lines, 0-based byte columns).
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "daemon/script/lexer.h"

using tl::script::lex;
using tl::script::Token;
using tl::script::TokenKind;

namespace {

// "NAME:x '=' NUMBER:1 NEWLINE ENDMARKER" -- the kinds, with the text of names,
// numbers and strings.
std::string tokens_of(std::string_view source) {
    auto result = lex(source, "test.py");
    if (!result.ok()) return "ERROR: " + result.error->message;
    std::string out;
    for (const Token& t : result.tokens) {
        if (!out.empty()) out += ' ';
        out += tl::script::token_kind_name(t.kind);
        if (t.kind == TokenKind::Name || t.kind == TokenKind::Number || t.kind == TokenKind::String) {
            out += ':';
            out += t.text;
        }
    }
    return out;
}

std::string error_of(std::string_view source) {
    auto result = lex(source, "test.py");
    if (result.ok()) return "no error";
    return std::to_string(result.error->line) + ":" + std::to_string(result.error->col) + " " +
           tl::script::syntax_error_kind_name(result.error->kind) + ": " + result.error->message;
}

}  // namespace

TEST_SUITE("lexer") {

TEST_CASE("simple statement") {
    CHECK(tokens_of("x = 1\n") == "NAME:x '=' NUMBER:1 NEWLINE ENDMARKER");
    CHECK(tokens_of("x = 1") == "NAME:x '=' NUMBER:1 NEWLINE ENDMARKER");   // NEWLINE added at EOF
    CHECK(tokens_of("") == "ENDMARKER");
    CHECK(tokens_of("\n\n  \n") == "ENDMARKER");
    CHECK(tokens_of("# just a comment") == "ENDMARKER");
}

TEST_CASE("indentation produces INDENT and DEDENT") {
    CHECK(tokens_of("if x:\n    y\nz\n") ==
          "'if' NAME:x ':' NEWLINE INDENT NAME:y NEWLINE DEDENT NAME:z NEWLINE ENDMARKER");
    CHECK(tokens_of("if a:\n  if b:\n    c\nd\n") ==
          "'if' NAME:a ':' NEWLINE INDENT 'if' NAME:b ':' NEWLINE INDENT NAME:c NEWLINE DEDENT DEDENT "
          "NAME:d NEWLINE ENDMARKER");
    // Dedents still pending at end of input are emitted before ENDMARKER.
    CHECK(tokens_of("if a:\n  b") == "'if' NAME:a ':' NEWLINE INDENT NAME:b NEWLINE DEDENT ENDMARKER");
}

TEST_CASE("blank and comment lines do not affect indentation") {
    CHECK(tokens_of("if x:\n    a\n\n  # odd comment\n        \n    b\n") ==
          "'if' NAME:x ':' NEWLINE INDENT NAME:a NEWLINE NAME:b NEWLINE DEDENT ENDMARKER");
    CHECK(tokens_of("x = 1  # trailing\n") == "NAME:x '=' NUMBER:1 NEWLINE ENDMARKER");
}

TEST_CASE("brackets join lines") {
    CHECK(tokens_of("f(a,\n  b,\n\n# c\n)\n") == "NAME:f '(' NAME:a ',' NAME:b ',' ')' NEWLINE ENDMARKER");
    CHECK(tokens_of("x = [\n    1\n]\ny\n") == "NAME:x '=' '[' NUMBER:1 ']' NEWLINE NAME:y NEWLINE ENDMARKER");
}

TEST_CASE("backslash continuation") {
    CHECK(tokens_of("x = 1 + \\\n    2\n") == "NAME:x '=' NUMBER:1 '+' NUMBER:2 NEWLINE ENDMARKER");
    CHECK(error_of("x = 1 \\ 2\n") == "1:8 SyntaxError: unexpected character after line continuation character");
    CHECK(error_of("x = 1 \\") == "1:8 SyntaxError: unexpected EOF while parsing");
}

TEST_CASE("tabs count to the next multiple of eight") {
    // A tab and eight spaces reach the same column, but whether they match depends on
    // the tab size, so Python refuses the mix.
    CHECK(error_of("if x:\n\ta\n        b\n") == "3:1 TabError: inconsistent use of tabs and spaces in indentation");
    CHECK(tokens_of("if x:\n\ta\n\tb\n") == "'if' NAME:x ':' NEWLINE INDENT NAME:a NEWLINE NAME:b NEWLINE DEDENT ENDMARKER");
    CHECK(tokens_of("if x:\n  \ta\n  \tb\n") ==
          "'if' NAME:x ':' NEWLINE INDENT NAME:a NEWLINE NAME:b NEWLINE DEDENT ENDMARKER");
}

TEST_CASE("indentation errors") {
    CHECK(error_of("if x:\n    a\n  b\n") ==
          "3:4 IndentationError: unindent does not match any outer indentation level");
}

TEST_CASE("line endings and byte order mark") {
    CHECK(tokens_of("x\r\ny\r\n") == "NAME:x NEWLINE NAME:y NEWLINE ENDMARKER");
    CHECK(tokens_of("x\ry\r") == "NAME:x NEWLINE NAME:y NEWLINE ENDMARKER");
    auto result = lex("\xEF\xBB\xBFx = 1\n");
    REQUIRE(result.ok());
    CHECK(result.tokens[0].text == "x");
    CHECK(result.tokens[0].col == 0);   // columns count from after the BOM
}

TEST_CASE("operators take the longest match") {
    CHECK(tokens_of("a**=b//=c>>=d<<=e->f:=g...h!=i") ==
          "NAME:a '**=' NAME:b '//=' NAME:c '>>=' NAME:d '<<=' NAME:e '->' NAME:f ':=' NAME:g '...' NAME:h "
          "'!=' NAME:i NEWLINE ENDMARKER");
    CHECK(tokens_of("a<b<=c==d>=e>f") ==
          "NAME:a '<' NAME:b '<=' NAME:c '==' NAME:d '>=' NAME:e '>' NAME:f NEWLINE ENDMARKER");
    CHECK(tokens_of("@ @= ~ ^ ^= | |= & &= % %=") ==
          "'@' '@=' '~' '^' '^=' '|' '|=' '&' '&=' '%' '%=' NEWLINE ENDMARKER");
}

TEST_CASE("keywords and soft keywords") {
    CHECK(tokens_of("async def f(): await x") ==
          "'async' 'def' NAME:f '(' ')' ':' 'await' NAME:x NEWLINE ENDMARKER");
    CHECK(tokens_of("match case type _") == "NAME:match NAME:case NAME:type NAME:_ NEWLINE ENDMARKER");
    CHECK(tokens_of("not in is None True False") == "'not' 'in' 'is' 'None' 'True' 'False' NEWLINE ENDMARKER");
}

TEST_CASE("non-ASCII identifiers") {
    CHECK(tokens_of("caf\xc3\xa9 = \xce\xb1\xce\xb2") == "NAME:caf\xc3\xa9 '=' NAME:\xce\xb1\xce\xb2 NEWLINE ENDMARKER");
    CHECK(error_of("x = \xe2\x82\xac") == "1:5 SyntaxError: invalid character '\xe2\x82\xac' (U+20AC)");
    CHECK(error_of("x = \xff") == "1:5 SyntaxError: invalid UTF-8 byte 0xff in source: scenario files must be UTF-8 encoded");
}

TEST_CASE("numbers") {
    CHECK(tokens_of("0 12 0x1F 0o17 0b101 1_000 0_0 00") ==
          "NUMBER:0 NUMBER:12 NUMBER:0x1F NUMBER:0o17 NUMBER:0b101 NUMBER:1_000 NUMBER:0_0 NUMBER:00 NEWLINE ENDMARKER");
    CHECK(tokens_of("1.5 .5 5. 1e-3 1E+5 1_0.0_1e1_0 0777.5 1j") ==
          "NUMBER:1.5 NUMBER:.5 NUMBER:5. NUMBER:1e-3 NUMBER:1E+5 NUMBER:1_0.0_1e1_0 NUMBER:0777.5 NUMBER:1j "
          "NEWLINE ENDMARKER");
    CHECK(tokens_of("1if x else 2") == "NUMBER:1 'if' NAME:x 'else' NUMBER:2 NEWLINE ENDMARKER");
    CHECK(tokens_of("a.b.1") == "NAME:a '.' NAME:b NUMBER:.1 NEWLINE ENDMARKER");
    CHECK(error_of("x = 1__0") == "1:6 SyntaxError: invalid decimal literal");
    CHECK(error_of("x = 0777") ==
          "1:5 SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    CHECK(error_of("x = 0b102") == "1:9 SyntaxError: invalid digit '2' in binary literal");
}

TEST_CASE("string tokens keep prefix and quotes") {
    CHECK(tokens_of("'a' \"b\" '''c''' \"\"\"d\"\"\"") ==
          "STRING:'a' STRING:\"b\" STRING:'''c''' STRING:\"\"\"d\"\"\" NEWLINE ENDMARKER");
    CHECK(tokens_of("r'\\d' Rb'x' f'{x}' rf\"{y}\" u'z'") ==
          "STRING:r'\\d' STRING:Rb'x' STRING:f'{x}' STRING:rf\"{y}\" STRING:u'z' NEWLINE ENDMARKER");
    CHECK(tokens_of("'it\\'s' \"a\\\nb\"") == "STRING:'it\\'s' STRING:\"a\\\nb\" NEWLINE ENDMARKER");
    CHECK(tokens_of("x'a'") == "NAME:x STRING:'a' NEWLINE ENDMARKER");   // not a prefix
    auto result = lex("rb'x' f'y' u'z'");
    REQUIRE(result.ok());
    CHECK(result.tokens[0].string_flags == (tl::script::kStringRaw | tl::script::kStringBytes));
    CHECK(result.tokens[0].prefix_len == 2);
    CHECK(result.tokens[0].quote_len == 1);
    CHECK(result.tokens[1].string_flags == tl::script::kStringFormat);
    CHECK(result.tokens[2].string_flags == tl::script::kStringUnicode);
    CHECK(error_of("x = 'abc\n") == "1:5 SyntaxError: unterminated string literal (detected at line 1)");
    CHECK(error_of("x = '''abc\n\n") == "1:5 SyntaxError: unterminated triple-quoted string literal (detected at line 2)");
}

TEST_CASE("bracket errors") {
    CHECK(error_of("x = (1,\n2\n") == "1:5 SyntaxError: '(' was never closed");
    CHECK(error_of("x = (1]") == "1:7 SyntaxError: closing parenthesis ']' does not match opening parenthesis '('");
    CHECK(error_of("x = (1,\n]") ==
          "2:1 SyntaxError: closing parenthesis ']' does not match opening parenthesis '(' on line 1");
    CHECK(error_of("x)") == "1:2 SyntaxError: unmatched ')'");
    CHECK(error_of(std::string(201, '(')) == "1:201 SyntaxError: too many nested parentheses");
}

TEST_CASE("positions: 1-based lines, 0-based byte columns, exclusive ends") {
    auto result = lex("if x:\n    y = '\xc3\xa9' + z\n");
    REQUIRE(result.ok());
    const Token& y = result.tokens[5];
    CHECK(y.text == "y");
    CHECK(y.line == 2);
    CHECK(y.col == 4);
    const Token& s = result.tokens[7];
    CHECK(s.kind == TokenKind::String);
    CHECK(s.col == 8);
    CHECK(s.end_col == 12);   // 'é' is four bytes
    const Token& z = result.tokens[9];
    CHECK(z.col == 15);
    CHECK(z.end_line == 2);
    CHECK(z.end_col == 16);
    auto multi = lex("x = '''a\nb'''\n");
    REQUIRE(multi.ok());
    CHECK(multi.tokens[2].line == 1);
    CHECK(multi.tokens[2].end_line == 2);
    CHECK(multi.tokens[2].end_col == 4);
}

}  // TEST_SUITE("lexer")
