// Syntax errors: each case asserts the full formatted message. Positions and the
// error class were checked against CPython 3.13 (ast.parse) for the same input;
// only the unsupported constructs, which CPython accepts, have no CPython position.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "daemon/script/diagnostic.h"
#include "daemon/script/parser.h"

namespace {

std::string error_of(std::string_view source) {
    auto result = tl::script::parse_module(source, "test.py");
    return result.ok() ? std::string("no error") : result.error->format();
}

}  // namespace

TEST_SUITE("syntax_error") {

TEST_CASE("missing colon after if") {
    CHECK(error_of(R"~(if x
    pass
)~") ==
          R"~(test.py:1:5: SyntaxError: expected ':' after 'if' condition
    if x
        ^
)~");
}

TEST_CASE("missing colon after def") {
    CHECK(error_of(R"~(def f()
    pass
)~") ==
          R"~(test.py:1:8: SyntaxError: expected ':'
    def f()
           ^
)~");
}

TEST_CASE("missing colon after class") {
    CHECK(error_of(R"~(class A
    pass
)~") ==
          R"~(test.py:1:8: SyntaxError: expected ':'
    class A
           ^
)~");
}

TEST_CASE("missing colon after for") {
    CHECK(error_of(R"~(for x in y
    pass
)~") ==
          R"~(test.py:1:11: SyntaxError: expected ':' after 'for' loop header
    for x in y
              ^
)~");
}

TEST_CASE("missing colon after while") {
    CHECK(error_of(R"~(while x
    pass
)~") ==
          R"~(test.py:1:8: SyntaxError: expected ':' after 'while' condition
    while x
           ^
)~");
}

TEST_CASE("= instead of == in a condition") {
    CHECK(error_of(R"~(if x = 1:
    pass
)~") ==
          R"~(test.py:1:4: SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?
    if x = 1:
       ^
)~");
}

TEST_CASE("block not indented") {
    CHECK(error_of(R"~(if x:
pass
)~") ==
          R"~(test.py:2:1: IndentationError: expected an indented block after 'if' statement on line 1
    pass
    ^
)~");
}

TEST_CASE("block missing at end of file") {
    CHECK(error_of(R"~(async def main():
)~") ==
          R"~(test.py:1:18: IndentationError: expected an indented block after function definition on line 1
    async def main():
                     ^
)~");
}

TEST_CASE("block missing after def") {
    CHECK(error_of(R"~(def f():
return 1
)~") ==
          R"~(test.py:2:1: IndentationError: expected an indented block after function definition on line 1
    return 1
    ^
)~");
}

TEST_CASE("unexpected indent") {
    CHECK(error_of(R"~(x = 1
    y = 2
)~") ==
          R"~(test.py:2:4: IndentationError: unexpected indent
        y = 2
       ^
)~");
}

TEST_CASE("unindent does not match") {
    CHECK(error_of(R"~(if x:
    a = 1
  b = 2
)~") ==
          R"~(test.py:3:8: IndentationError: unindent does not match any outer indentation level
      b = 2
           ^
)~");
}

TEST_CASE("tabs and spaces mixed") {
    CHECK(error_of("if x:\n\tif y:\n        pass\n") ==
          R"~(test.py:3:1: TabError: inconsistent use of tabs and spaces in indentation
            pass
    ^
)~");
}

TEST_CASE("unterminated string") {
    CHECK(error_of(R"~(x = "abc
)~") ==
          R"~(test.py:1:5: SyntaxError: unterminated string literal (detected at line 1)
    x = "abc
        ^
)~");
}

TEST_CASE("unterminated triple-quoted string") {
    CHECK(error_of(R"~(x = """abc

y = 2
)~") ==
          R"~(test.py:1:5: SyntaxError: unterminated triple-quoted string literal (detected at line 3)
    x = """abc
        ^
)~");
}

TEST_CASE("unclosed bracket") {
    CHECK(error_of(R"~(x = (1, 2
)~") ==
          R"~(test.py:1:5: SyntaxError: '(' was never closed
    x = (1, 2
        ^
)~");
}

TEST_CASE("unclosed bracket noticed later") {
    CHECK(error_of(R"~(x = [1, 2
y = 3
)~") ==
          R"~(test.py:1:5: SyntaxError: '[' was never closed
    x = [1, 2
        ^
)~");
}

TEST_CASE("mismatched brackets") {
    CHECK(error_of(R"~(x = (1, 2]
)~") ==
          R"~(test.py:1:10: SyntaxError: closing parenthesis ']' does not match opening parenthesis '('
    x = (1, 2]
             ^
)~");
}

TEST_CASE("unmatched closing bracket") {
    CHECK(error_of(R"~(x = 1)
)~") ==
          R"~(test.py:1:6: SyntaxError: unmatched ')'
    x = 1)
         ^
)~");
}

TEST_CASE("missing comma") {
    CHECK(error_of(R"~(x = [1 2]
)~") ==
          R"~(test.py:1:6: SyntaxError: invalid syntax. Perhaps you forgot a comma?
    x = [1 2]
         ^
)~");
}

TEST_CASE("missing comma in call") {
    CHECK(error_of(R"~(f(a b)
)~") ==
          R"~(test.py:1:3: SyntaxError: invalid syntax. Perhaps you forgot a comma?
    f(a b)
      ^
)~");
}

TEST_CASE("invalid syntax") {
    CHECK(error_of(R"~(x = 1 2
)~") ==
          R"~(test.py:1:7: SyntaxError: invalid syntax
    x = 1 2
          ^
)~");
}

TEST_CASE("operator without operand") {
    CHECK(error_of(R"~(x = 1 +
)~") ==
          R"~(test.py:1:8: SyntaxError: invalid syntax
    x = 1 +
           ^
)~");
}

TEST_CASE("assignment to a call") {
    CHECK(error_of(R"~(f() = 1
)~") ==
          R"~(test.py:1:1: SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?
    f() = 1
    ^
)~");
}

TEST_CASE("assignment to a literal") {
    CHECK(error_of(R"~("a" = 1
)~") ==
          R"~(test.py:1:1: SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?
    "a" = 1
    ^
)~");
}

TEST_CASE("assignment to None") {
    CHECK(error_of(R"~(None = 1
)~") ==
          R"~(test.py:1:1: SyntaxError: cannot assign to None
    None = 1
    ^
)~");
}

TEST_CASE("assignment to an expression in a tuple") {
    CHECK(error_of(R"~(a, f() = 1, 2
)~") ==
          R"~(test.py:1:4: SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?
    a, f() = 1, 2
       ^
)~");
}

TEST_CASE("chained assignment to a call") {
    CHECK(error_of(R"~(f() = g() = 1
)~") ==
          R"~(test.py:1:1: SyntaxError: cannot assign to function call
    f() = g() = 1
    ^
)~");
}

TEST_CASE("for target is a call") {
    CHECK(error_of(R"~(for f() in x:
    pass
)~") ==
          R"~(test.py:1:5: SyntaxError: cannot assign to function call
    for f() in x:
        ^
)~");
}

TEST_CASE("with target is a call") {
    CHECK(error_of(R"~(with a as f():
    pass
)~") ==
          R"~(test.py:1:11: SyntaxError: cannot assign to function call
    with a as f():
              ^
)~");
}

TEST_CASE("del of a call") {
    CHECK(error_of(R"~(del f()
)~") ==
          R"~(test.py:1:5: SyntaxError: cannot delete function call
    del f()
        ^
)~");
}

TEST_CASE("del of starred") {
    CHECK(error_of(R"~(del *a
)~") ==
          R"~(test.py:1:5: SyntaxError: cannot delete starred
    del *a
        ^
)~");
}

TEST_CASE("augmented assignment to a tuple") {
    CHECK(error_of(R"~((a, b) += 1
)~") ==
          R"~(test.py:1:1: SyntaxError: 'tuple' is an illegal expression for augmented assignment
    (a, b) += 1
    ^
)~");
}

TEST_CASE("annotated tuple") {
    CHECK(error_of(R"~((a, b): int
)~") ==
          R"~(test.py:1:1: SyntaxError: only single target (not tuple) can be annotated
    (a, b): int
    ^
)~");
}

TEST_CASE("walrus on an attribute") {
    CHECK(error_of(R"~((a.b := 1)
)~") ==
          R"~(test.py:1:2: SyntaxError: cannot use assignment expressions with attribute
    (a.b := 1)
     ^
)~");
}

TEST_CASE("= in a call argument") {
    CHECK(error_of(R"~(f(a.b=1)
)~") ==
          R"~(test.py:1:3: SyntaxError: expression cannot contain assignment, perhaps you meant "=="?
    f(a.b=1)
      ^
)~");
}

TEST_CASE("keyword assigned to True") {
    CHECK(error_of(R"~(f(True=1)
)~") ==
          R"~(test.py:1:3: SyntaxError: cannot assign to True
    f(True=1)
      ^
)~");
}

TEST_CASE("generator not parenthesized") {
    CHECK(error_of(R"~(f(x for x in y, 1)
)~") ==
          R"~(test.py:1:3: SyntaxError: Generator expression must be parenthesized
    f(x for x in y, 1)
      ^
)~");
}

TEST_CASE("positional after keyword") {
    CHECK(error_of(R"~(f(a=1, b)
)~") ==
          R"~(test.py:1:9: SyntaxError: positional argument follows keyword argument
    f(a=1, b)
            ^
)~");
}

TEST_CASE("positional after **") {
    CHECK(error_of(R"~(f(**a, b)
)~") ==
          R"~(test.py:1:9: SyntaxError: positional argument follows keyword argument unpacking
    f(**a, b)
            ^
)~");
}

TEST_CASE("* after **") {
    CHECK(error_of(R"~(f(**a, *b)
)~") ==
          R"~(test.py:1:6: SyntaxError: iterable argument unpacking follows keyword argument unpacking
    f(**a, *b)
         ^
)~");
}

TEST_CASE("parameter without default after default") {
    CHECK(error_of(R"~(def f(a=1, b):
    pass
)~") ==
          R"~(test.py:1:12: SyntaxError: parameter without a default follows parameter with a default
    def f(a=1, b):
               ^
)~");
}

TEST_CASE("bare * without named parameters") {
    CHECK(error_of(R"~(def f(*):
    pass
)~") ==
          R"~(test.py:1:7: SyntaxError: named arguments must follow bare *
    def f(*):
          ^
)~");
}

TEST_CASE("try without except") {
    CHECK(error_of(R"~(try:
    pass
x = 1
)~") ==
          R"~(test.py:3:1: SyntaxError: expected 'except' or 'finally' block
    x = 1
    ^
)~");
}

TEST_CASE("except and except* mixed") {
    CHECK(error_of(R"~(try:
    pass
except A:
    pass
except* B:
    pass
)~") ==
          R"~(test.py:5:1: SyntaxError: cannot have both 'except' and 'except*' on the same 'try'
    except* B:
    ^
)~");
}

TEST_CASE("except* without a type") {
    CHECK(error_of(R"~(try:
    pass
except* :
    pass
)~") ==
          R"~(test.py:3:9: SyntaxError: expected one or more exception types
    except* :
            ^
)~");
}

TEST_CASE("unparenthesized exception types") {
    CHECK(error_of(R"~(try:
    pass
except A, B:
    pass
)~") ==
          R"~(test.py:3:8: SyntaxError: multiple exception types must be parenthesized
    except A, B:
           ^
)~");
}

TEST_CASE("conditional expression without else") {
    CHECK(error_of(R"~(x = 1 if y
)~") ==
          R"~(test.py:1:5: SyntaxError: expected 'else' after 'if' expression
    x = 1 if y
        ^
)~");
}

TEST_CASE("dict entry without value") {
    CHECK(error_of(R"~(x = {1: 2, 3}
)~") ==
          R"~(test.py:1:12: SyntaxError: ':' expected after dictionary key
    x = {1: 2, 3}
               ^
)~");
}

TEST_CASE("dict key without value after colon") {
    CHECK(error_of(R"~(x = {1: 2, 3: }
)~") ==
          R"~(test.py:1:13: SyntaxError: expression expected after dictionary key and ':'
    x = {1: 2, 3: }
                ^
)~");
}

TEST_CASE("assignment to yield") {
    CHECK(error_of(R"~(a = yield = 1
)~") ==
          R"~(test.py:1:5: SyntaxError: assignment to yield expression not possible
    a = yield = 1
        ^
)~");
}

TEST_CASE("trailing comma in import") {
    CHECK(error_of(R"~(from x import a,
)~") ==
          R"~(test.py:1:17: SyntaxError: trailing comma not allowed without surrounding parentheses
    from x import a,
                    ^
)~");
}

TEST_CASE("print statement") {
    CHECK(error_of(R"~(print "x"
)~") ==
          R"~(test.py:1:1: SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?
    print "x"
    ^
)~");
}

TEST_CASE("invalid decimal literal") {
    CHECK(error_of(R"~(x = 123abc
)~") ==
          R"~(test.py:1:7: SyntaxError: invalid decimal literal
    x = 123abc
          ^
)~");
}

TEST_CASE("leading zeros") {
    CHECK(error_of(R"~(x = 0777
)~") ==
          R"~(test.py:1:5: SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers
    x = 0777
        ^
)~");
}

TEST_CASE("invalid digit in octal") {
    CHECK(error_of(R"~(x = 0o8
)~") ==
          R"~(test.py:1:7: SyntaxError: invalid digit '8' in octal literal
    x = 0o8
          ^
)~");
}

TEST_CASE("invalid digit in binary") {
    CHECK(error_of(R"~(x = 0b12
)~") ==
          R"~(test.py:1:8: SyntaxError: invalid digit '2' in binary literal
    x = 0b12
           ^
)~");
}

TEST_CASE("invalid hexadecimal literal") {
    CHECK(error_of(R"~(x = 0xg
)~") ==
          R"~(test.py:1:6: SyntaxError: invalid hexadecimal literal
    x = 0xg
         ^
)~");
}

TEST_CASE("missing exponent") {
    CHECK(error_of(R"~(x = 1e
)~") ==
          R"~(test.py:1:5: SyntaxError: invalid decimal literal
    x = 1e
        ^
)~");
}

TEST_CASE("invalid character") {
    CHECK(error_of("x = \xe2\x82\xac""\n") ==
          "test.py:1:5: SyntaxError: invalid character '\xe2\x82\xac""' (U+20AC)\n    x = \xe2\x82\xac""\n        ^\n");
}

TEST_CASE("invalid non-printable character") {
    CHECK(error_of("x = \x01""\n") ==
          "test.py:1:5: SyntaxError: invalid non-printable character U+0001\n    x = \x01""\n        ^\n");
}

TEST_CASE("invalid ASCII character") {
    CHECK(error_of(R"~(x = $
)~") ==
          R"~(test.py:1:5: SyntaxError: invalid syntax
    x = $
        ^
)~");
}

TEST_CASE("backslash not at end of line") {
    CHECK(error_of("x = a \\ b\n") ==
          "test.py:1:8: SyntaxError: unexpected character after line continuation character\n    x = a \\ b\n           ^\n");
}

TEST_CASE("f-string empty expression") {
    CHECK(error_of(R"~(x = f'{}'
)~") ==
          R"~(test.py:1:8: SyntaxError: f-string: valid expression required before '}'
    x = f'{}'
           ^
)~");
}

TEST_CASE("f-string bad conversion") {
    CHECK(error_of(R"~(x = f'{x!z}'
)~") ==
          R"~(test.py:1:10: SyntaxError: f-string: invalid conversion character 'z': expected 's', 'r', or 'a'
    x = f'{x!z}'
             ^
)~");
}

TEST_CASE("f-string single }") {
    CHECK(error_of(R"~(x = f'}'
)~") ==
          R"~(test.py:1:7: SyntaxError: f-string: single '}' is not allowed
    x = f'}'
          ^
)~");
}

TEST_CASE("f-string unclosed field") {
    CHECK(error_of(R"~(x = f'{x'
)~") ==
          R"~(test.py:1:9: SyntaxError: f-string: expecting '}'
    x = f'{x'
            ^
)~");
}

TEST_CASE("async without def/for/with") {
    CHECK(error_of(R"~(async x = 1
)~") ==
          R"~(test.py:1:7: SyntaxError: invalid syntax
    async x = 1
          ^
)~");
}

TEST_CASE("else without if") {
    CHECK(error_of(R"~(else:
    pass
)~") ==
          R"~(test.py:1:1: SyntaxError: invalid syntax
    else:
    ^
)~");
}

TEST_CASE("non-ASCII caret position") {
    CHECK(error_of("x = '\xc3\xa9""t\xc3\xa9""' +\n") ==
          "test.py:1:12: SyntaxError: invalid syntax\n    x = '\xc3\xa9""t\xc3\xa9""' +\n               ^\n");
}

TEST_CASE("tab before the error") {
    CHECK(error_of("if x:\n\ty = 1 +\n") ==
          "test.py:2:9: SyntaxError: invalid syntax\n    \ty = 1 +\n    \t       ^\n");
}

TEST_CASE("call never closed, next line reached") {
    CHECK(error_of(R"~(print("a"
print("b")
)~") ==
          R"~(test.py:1:6: SyntaxError: '(' was never closed
    print("a"
         ^
)~");
}

TEST_CASE("await never closed inside a coroutine") {
    CHECK(error_of(R"~(async def main():
    await asyncio.sleep(1
    print("x")
)~") ==
          R"~(test.py:2:24: SyntaxError: '(' was never closed
        await asyncio.sleep(1
                           ^
)~");
}

TEST_CASE("missing comma in subscript") {
    CHECK(error_of(R"~(a[1 2]
)~") ==
          R"~(test.py:1:3: SyntaxError: invalid syntax. Perhaps you forgot a comma?
    a[1 2]
      ^
)~");
}

TEST_CASE("missing comma in dict") {
    CHECK(error_of(R"~(x = {"a": 1 "b": 2}
)~") ==
          R"~(test.py:1:11: SyntaxError: invalid syntax. Perhaps you forgot a comma?
    x = {"a": 1 "b": 2}
              ^
)~");
}

TEST_CASE("method body not indented") {
    CHECK(error_of(R"~(class A:
    def f(self):
    pass
)~") ==
          R"~(test.py:3:5: IndentationError: expected an indented block after function definition on line 2
        pass
        ^
)~");
}

TEST_CASE("keyword as a target") {
    CHECK(error_of(R"~(return = 1
)~") ==
          R"~(test.py:1:8: SyntaxError: invalid syntax
    return = 1
           ^
)~");
}

TEST_CASE("sign without exponent digits") {
    CHECK(error_of(R"~(x = 1e+
)~") ==
          R"~(test.py:1:7: SyntaxError: invalid decimal literal
    x = 1e+
          ^
)~");
}

TEST_CASE("second / in parameters") {
    CHECK(error_of(R"~(def f(a, /, b, /): pass
)~") ==
          R"~(test.py:1:16: SyntaxError: / may appear only once
    def f(a, /, b, /): pass
                   ^
)~");
}

// Constructs the scenario language refuses on purpose (see unsupported.h), and
// inputs CPython rejects before parsing.
TEST_CASE("unsupported: match statement") {
    CHECK(error_of(R"~(match command:
    case 'go':
        pass
)~") ==
          R"~(test.py:1:1: SyntaxError: the 'match' statement is not supported in scenarios
    match command:
    ^
)~");
}

TEST_CASE("unsupported: type statement") {
    CHECK(error_of(R"~(type Alias = int
)~") ==
          R"~(test.py:1:1: SyntaxError: the 'type' statement is not supported in scenarios
    type Alias = int
    ^
)~");
}

TEST_CASE("unsupported: type parameters") {
    CHECK(error_of(R"~(def first[T](items: list[T]) -> T:
    return items[0]
)~") ==
          R"~(test.py:1:10: SyntaxError: type parameter lists (def f[T], class C[T]) are not supported in scenarios
    def first[T](items: list[T]) -> T:
             ^
)~");
}

TEST_CASE("unsupported: complex literal") {
    CHECK(error_of(R"~(x = 1 + 2j
)~") ==
          R"~(test.py:1:9: SyntaxError: complex numbers are not supported in scenarios
    x = 1 + 2j
            ^
)~");
}

TEST_CASE("unsupported: bytes literal") {
    CHECK(error_of(R"~(x = b'abc'
)~") ==
          R"~(test.py:1:5: SyntaxError: bytes literals are not supported in scenarios
    x = b'abc'
        ^
)~");
}

TEST_CASE("unsupported: bytes concatenated with str") {
    CHECK(error_of(R"~(x = 'abc' b'def'
)~") ==
          R"~(test.py:1:11: SyntaxError: bytes literals are not supported in scenarios
    x = 'abc' b'def'
              ^
)~");
}

TEST_CASE("unsupported: named unicode escape") {
    CHECK(error_of("x = '\\N{BULLET}'\n") ==
          "test.py:1:5: SyntaxError: \\N{...} escapes are not supported in scenarios; write the character itself or use \\u\n    x = '\\N{BULLET}'\n        ^\n");
}

TEST_CASE("unsupported: surrogate escape") {
    CHECK(error_of("x = '\\ud800'\n") ==
          "test.py:1:5: SyntaxError: surrogate code points (\\ud800-\\udfff) are not supported in scenario strings\n    x = '\\ud800'\n        ^\n");
}

TEST_CASE("unsupported: invalid UTF-8") {
    CHECK(error_of("x = '\xff'\n") ==
          "test.py:1:6: SyntaxError: invalid UTF-8 byte 0xff in source: scenario files must be UTF-8 encoded\n    x = '\xef\xbf\xbd""'\n         ^\n");
}

TEST_CASE("unsupported: null byte") {
    CHECK(error_of(std::string_view("x = 1\0\n", 7)) ==
          "test.py:1:6: SyntaxError: source code cannot contain null bytes\n    x = 1\xef\xbf\xbd""\n         ^\n");
}

TEST_CASE("unsupported: huge int literal") {
    CHECK(error_of(std::string("x = ") + std::string(5000, '9') + "\n") ==
          std::string("test.py:1:5: SyntaxError: integer literal too long: 5000 digits, the limit is 4300\n    x = ") + std::string(5000, '9') + "\n        ^\n");
}

TEST_CASE("unsupported: f-string reusing its quote (3.12)") {
    CHECK(error_of("x = f'{d['k']}'\ny = 1 \\ 2\n") ==
          R"~(test.py:1:10: SyntaxError: f-string: expecting '}': a quote inside the braces that matches the f-string's own quotes ends the string; use the other kind of quote
    x = f'{d['k']}'
             ^
)~");
}

TEST_CASE("error struct fields") {
    auto result = tl::script::parse_module("x = 1\nif y\n", "s.py");
    REQUIRE_FALSE(result.ok());
    CHECK(result.error->file == "s.py");
    CHECK(result.error->line == 2);
    CHECK(result.error->col == 5);
    CHECK(result.error->kind == tl::script::SyntaxErrorKind::Syntax);
    CHECK(result.error->source_line == "if y");
}

}  // TEST_SUITE("syntax_error")
