// Formatting of syntax errors: a compiler-style "file:line:col:" header, then the
// source line with a caret, mirroring the traceback Python prints for the same error.
#include "daemon/script/diagnostic.h"

#include "daemon/script/source.h"
#include "daemon/script/utf8.h"

namespace tl::script {

const char* syntax_error_kind_name(SyntaxErrorKind kind) {
    switch (kind) {
    case SyntaxErrorKind::Indentation: return "IndentationError";
    case SyntaxErrorKind::Tab: return "TabError";
    case SyntaxErrorKind::Syntax: break;
    }
    return "SyntaxError";
}

std::string SyntaxError::format() const {
    std::string out = file + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " +
                      syntax_error_kind_name(kind) + ": " + message + "\n";
    out += "    ";
    out += source_line;
    out += "\n    ";
    // Copy tabs so the caret lines up however the terminal expands them.
    std::size_t pos = 0;
    for (int i = 1; i < col; ++i) {
        if (pos < source_line.size()) {
            std::size_t len;
            char32_t cp = utf8::decode(source_line, pos, len);
            pos += len;
            out += cp == '\t' ? '\t' : ' ';
        } else {
            out += ' ';
        }
    }
    out += "^\n";
    return out;
}

SyntaxError make_syntax_error(const SourceFile& source, int line, int byte_col, std::string message,
                              SyntaxErrorKind kind) {
    SyntaxError error;
    error.file = source.filename();
    error.line = line;
    error.message = std::move(message);
    error.kind = kind;
    std::string_view text = source.line_text(line);
    // Invalid UTF-8 and NUL bytes would garble a terminal: show them as U+FFFD
    // (one code point each, so the caret column is unchanged).
    for (std::size_t pos = 0; pos < text.size();) {
        std::size_t len;
        char32_t cp = utf8::decode(text, pos, len);
        if (cp == 0 || cp == 0xFFFD) utf8::append(error.source_line, 0xFFFD);
        else error.source_line.append(text, pos, len);
        pos += len;
    }
    std::size_t bytes = byte_col < 0 ? 0 : static_cast<std::size_t>(byte_col);
    if (bytes <= text.size()) {
        error.col = static_cast<int>(utf8::count_code_points(text.substr(0, bytes))) + 1;
    } else {
        error.col = static_cast<int>(utf8::count_code_points(text) + (bytes - text.size())) + 1;
    }
    return error;
}

}  // namespace tl::script
