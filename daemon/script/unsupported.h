// The one list of Python constructs the scenario language parses but refuses, with
// the message each produces. The parser reports these at the construct's position,
// so a scenario author learns at load time rather than when the line runs.
#pragma once

namespace tl::script {

enum class Unsupported {
    MatchStatement,      // match x: case ...
    TypeAliasStatement,  // type X = ...
    TypeParameters,      // def f[T](), class C[T]
    ComplexLiteral,      // 1j
    BytesLiteral,        // b"..."
    NamedUnicodeEscape,  // "\N{BULLET}": needs the Unicode name database
    SurrogateEscape,     // "\ud800": not representable in UTF-8 strings
    FStringQuoteReuse,   // f'{d['k']}': PEP 701 (3.12); f-strings follow the 3.11 rules
};

const char* unsupported_message(Unsupported construct);

}  // namespace tl::script
