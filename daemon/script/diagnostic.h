// Syntax errors reported by the scenario front end (lexer and parser). Both stop at
// the first error; the error carries everything needed to print it, including the
// offending source line, so it outlives the source text.
#pragma once

#include <string>
#include <string_view>

namespace tl::script {

class SourceFile;

// Python's three flavours, kept so messages read like the ones users know.
enum class SyntaxErrorKind { Syntax, Indentation, Tab };

struct SyntaxError {
    std::string file;
    int line = 0;               // 1-based
    int col = 0;                // 1-based, counted in code points (like CPython's offset)
    std::string message;
    SyntaxErrorKind kind = SyntaxErrorKind::Syntax;
    std::string source_line;    // the line `line` refers to, without its terminator

    // "FILE:LINE:COL: SyntaxError: message\n    <line>\n    <spaces>^\n"
    std::string format() const;
};

const char* syntax_error_kind_name(SyntaxErrorKind kind);

// Builds an error at a 1-based line and a 0-based byte column of `source`.
SyntaxError make_syntax_error(const SourceFile& source, int line, int byte_col, std::string message,
                              SyntaxErrorKind kind = SyntaxErrorKind::Syntax);

// Thrown inside the front end only; parse_module() and lex() catch it.
struct SyntaxErrorException {
    SyntaxError error;
    // Set for parser errors that explain the real cause better than any lexer
    // error found later in the file would (see parse_module()).
    bool preferred = false;
};

}  // namespace tl::script
