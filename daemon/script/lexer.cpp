// The scenario lexer. Ports the behaviour of CPython's tokenizer (Parser/tokenizer.c)
// for the token kinds Python source uses, including its error messages, so that a
// mistake in a scenario is reported where and as Python would report it.
#include "daemon/script/lexer.h"

#include <cstdio>

#include "daemon/script/utf8.h"

namespace tl::script {

namespace {

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_quote(char c) { return c == '\'' || c == '"'; }

char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Returns StringFlag bits for a valid string prefix, or -1.
int string_prefix_flags(std::string_view prefix) {
    int flags = 0;
    for (char raw : prefix) {
        int bit = 0;
        switch (to_lower(raw)) {
        case 'r': bit = kStringRaw; break;
        case 'f': bit = kStringFormat; break;
        case 'b': bit = kStringBytes; break;
        case 'u': bit = kStringUnicode; break;
        default: return -1;
        }
        if (flags & bit) return -1;
        flags |= bit;
    }
    // u combines with nothing; f and b exclude each other.
    if ((flags & kStringUnicode) && prefix.size() > 1) return -1;
    if ((flags & kStringFormat) && (flags & kStringBytes)) return -1;
    return flags;
}

struct OperatorSpelling {
    TokenKind kind;
    std::string_view text;
};

constexpr OperatorSpelling kOperators[] = {
#define TL_X(name, spelling) {TokenKind::name, spelling},
    TL_SCRIPT_OPERATORS(TL_X)
#undef TL_X
};

char closing_for(char open) { return open == '(' ? ')' : open == '[' ? ']' : '}'; }

}  // namespace

LexResult lex(std::string_view source, std::string filename) {
    SourceFile file(source, std::move(filename));
    LexResult result;
    try {
        Lexer lexer(file);
        result.tokens = lexer.tokenize_module();
    } catch (const SyntaxErrorException& e) {
        result.error = e.error;
    }
    return result;
}

Lexer::Lexer(const SourceFile& source) : source_(source), text_(source.text()), end_(text_.size()) {}

void Lexer::fail(int line, int byte_col, std::string message, SyntaxErrorKind kind) const {
    throw SyntaxErrorException{make_syntax_error(source_, line, byte_col, std::move(message), kind)};
}

void Lexer::fail_invalid_character(std::size_t at) {
    std::size_t len;
    char32_t cp = utf8::decode(text_, at, len);
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(cp));
    int line = source_.line_of(at);
    int col = static_cast<int>(at - source_.line_start(line));
    if (cp < 0x20 || cp == 0x7F) fail(line, col, std::string("invalid non-printable character ") + code);
    if (cp < 0x80) {
        error_rank_ = ErrorRank::Weak;
        fail(line, col, "invalid syntax");  // '$', '?', '`': CPython's wording too
    }
    fail(line, col, "invalid character '" + std::string(text_.substr(at, len)) + "' (" + code + ")");
}

void Lexer::consume_newline() {
    if (text_[pos_] == '\r' && pos_ + 1 < end_ && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
    line_start_ = pos_;
}

void Lexer::seek(std::size_t offset) {
    pos_ = offset;
    line_ = source_.line_of(offset);
    line_start_ = source_.line_start(line_);
}

void Lexer::push(TokenKind kind, std::size_t start, int line, int col) {
    Token token;
    token.kind = kind;
    token.text = text_.substr(start, pos_ - start);
    token.line = line;
    token.col = col;
    token.end_line = line_;
    token.end_col = this->col();
    token.offset = start;
    tokens_.push_back(token);
}

void Lexer::check_source() {
    std::size_t bad = utf8::find_invalid(text_);
    std::size_t nul = text_.find('\0');
    if (nul != std::string_view::npos && nul < bad) {
        int line = source_.line_of(nul);
        fail(line, static_cast<int>(nul - source_.line_start(line)), "source code cannot contain null bytes");
    }
    if (bad != std::string_view::npos) {
        int line = source_.line_of(bad);
        char message[128];
        std::snprintf(message, sizeof message,
                      "invalid UTF-8 byte 0x%02x in source: scenario files must be UTF-8 encoded",
                      static_cast<unsigned>(static_cast<unsigned char>(text_[bad])));
        fail(line, static_cast<int>(bad - source_.line_start(line)), message);
    }
}

std::vector<Token> Lexer::tokenize_module() {
    check_source();
    for (;;) {
        if (at_line_start_ && brackets_.empty()) {
            handle_line_start();
            if (at_end()) break;
        }
        if (!scan_token()) break;
    }
    finish_module();
    return std::move(tokens_);
}

std::vector<Token> Lexer::tokenize_fstring_field(std::size_t begin, std::size_t end, std::size_t& stop) {
    field_mode_ = true;
    at_line_start_ = false;
    end_ = end;
    seek(begin);
    while (scan_token()) {
    }
    stop = pos_;
    return std::move(tokens_);
}

// Measures the indentation of the next non-blank line and emits INDENT/DEDENT.
// Blank and comment-only lines are skipped whole: they never affect indentation.
void Lexer::handle_line_start() {
    int width = 0, alt_width = 0;
    for (;;) {
        width = alt_width = 0;
        while (!at_end()) {
            char c = peek();
            if (c == ' ') {
                ++width, ++alt_width;
            } else if (c == '\t') {
                width = (width / 8 + 1) * 8;
                ++alt_width;
            } else if (c == '\f') {
                width = alt_width = 0;
            } else {
                break;
            }
            ++pos_;
        }
        if (at_end()) return;
        if (peek() == '#') {
            while (!at_end() && !at_newline()) ++pos_;
            if (at_end()) return;
        }
        if (!at_newline()) break;
        consume_newline();
    }
    at_line_start_ = false;

    auto tab_error = [&] {
        fail(line_, 0, "inconsistent use of tabs and spaces in indentation", SyntaxErrorKind::Tab);
    };
    if (width == indents_.back()) {
        if (alt_width != alt_indents_.back()) tab_error();
    } else if (width > indents_.back()) {
        if (alt_width <= alt_indents_.back()) tab_error();
        if (indents_.size() > static_cast<std::size_t>(kMaxBracketNesting)) {
            fail(line_, col(), "too many levels of indentation", SyntaxErrorKind::Indentation);
        }
        indents_.push_back(width);
        alt_indents_.push_back(alt_width);
        push(TokenKind::Indent, line_start_, line_, 0);
    } else {
        while (indents_.size() > 1 && width < indents_.back()) {
            indents_.pop_back();
            alt_indents_.pop_back();
            push(TokenKind::Dedent, pos_, line_, col());
        }
        if (width != indents_.back()) {
            // CPython points past the end of the offending line.
            fail(line_, static_cast<int>(source_.line_text(line_).size()),
                 "unindent does not match any outer indentation level", SyntaxErrorKind::Indentation);
        }
        if (alt_width != alt_indents_.back()) tab_error();
    }
}

bool Lexer::scan_token() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\f')) ++pos_;
    if (at_end()) return false;
    char c = peek();

    if (c == '#') {
        if (field_mode_) fail(line_, col(), "f-string expression part cannot include '#'");
        while (!at_end() && !at_newline()) ++pos_;
        return true;
    }
    if (at_newline()) {
        if (field_mode_ || !brackets_.empty()) {
            consume_newline();
            return true;
        }
        std::size_t start = pos_;
        int line = line_, column = col();
        if (text_[pos_] == '\r' && pos_ + 1 < end_ && text_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        push(TokenKind::Newline, start, line, column);
        --pos_;
        consume_newline();
        at_line_start_ = true;
        return true;
    }
    if (c == '\\') {
        if (field_mode_) fail(line_, col(), "f-string expression part cannot include a backslash");
        ++pos_;
        if (at_end()) fail(line_, col(), "unexpected EOF while parsing");
        if (!at_newline()) fail(line_, col(), "unexpected character after line continuation character");
        consume_newline();
        if (at_end()) fail(line_ - 1, static_cast<int>(source_.line_text(line_ - 1).size()),
                           "unexpected EOF while parsing");
        return true;
    }
    if (field_mode_ && brackets_.empty()) {
        char next = peek(1);
        if (c == '}' || c == ':' || (c == '=' && next != '=') || (c == '!' && next != '=')) return false;
    }
    if (is_ascii_alpha(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80) {
        scan_name_or_string();
    } else if (is_digit(c) || (c == '.' && is_digit(peek(1)))) {
        scan_number();
    } else if (is_quote(c)) {
        scan_string(pos_, line_, col(), 0, 0);
    } else {
        scan_operator();
    }
    return true;
}

void Lexer::scan_name_or_string() {
    std::size_t start = pos_;
    int line = line_, column = col();

    std::size_t letters = 0;
    while (letters < 3 && is_ascii_alpha(peek(letters))) ++letters;
    if (letters <= 2 && is_quote(peek(letters))) {
        int flags = string_prefix_flags(text_.substr(pos_, letters));
        if (flags >= 0) {
            pos_ += letters;
            scan_string(start, line, column, static_cast<std::uint8_t>(flags), letters);
            return;
        }
    }

    while (!at_end()) {
        unsigned char c = static_cast<unsigned char>(peek());
        if (c < 0x80) {
            if (!is_ascii_alpha(static_cast<char>(c)) && !is_digit(static_cast<char>(c)) && c != '_') break;
            ++pos_;
            continue;
        }
        std::size_t len;
        char32_t cp = utf8::decode(text_, pos_, len);
        if (!utf8::is_identifier_char(cp)) fail_invalid_character(pos_);
        pos_ += len;
    }
    push(keyword_kind(text_.substr(start, pos_ - start)), start, line, column);
}

void Lexer::scan_string(std::size_t start, int line, int column, std::uint8_t flags, std::size_t prefix_len) {
    char quote = peek();
    bool triple = peek(1) == quote && peek(2) == quote;
    pos_ += triple ? 3 : 1;
    auto unterminated = [&](std::size_t detected_at) {
        int detected_line = source_.line_of(detected_at);
        if (field_mode_) fail(line, column, "f-string: unterminated string");
        fail(line, column,
             std::string(triple ? "unterminated triple-quoted string literal" : "unterminated string literal") +
                 " (detected at line " + std::to_string(detected_line) + ")");
    };
    for (;;) {
        if (at_end()) unterminated(end_ > 0 ? end_ - 1 : 0);
        char c = peek();
        if (c == '\\') {
            ++pos_;
            if (at_end()) continue;
            if (at_newline()) {
                consume_newline();
            } else {
                ++pos_;
            }
            continue;
        }
        if (at_newline()) {
            if (!triple) unterminated(pos_);
            consume_newline();
            continue;
        }
        if (c == quote) {
            if (!triple) {
                ++pos_;
                break;
            }
            if (peek(1) == quote && peek(2) == quote) {
                pos_ += 3;
                break;
            }
        }
        ++pos_;
    }
    push(TokenKind::String, start, line, column);
    tokens_.back().string_flags = flags;
    tokens_.back().quote_len = triple ? 3 : 1;
    tokens_.back().prefix_len = static_cast<std::uint8_t>(prefix_len);
}

void Lexer::scan_number() {
    std::size_t start = pos_;
    int line = line_, column = col();
    // CPython points at the character before the one that breaks the literal.
    auto fail_here = [&](const std::string& message) { fail(line_, col() - 1, message); };

    // Digits with single underscores between them; `valid` says which digits count.
    auto digits = [&](auto valid, const char* message) {
        for (;;) {
            while (valid(peek())) ++pos_;
            if (peek() != '_') return;
            ++pos_;
            if (!valid(peek())) fail_here(message);
        }
    };
    // Python allows `1if x else y` (deprecated); anything else glued to a number
    // is an error.
    auto verify_end = [&](const char* kind) {
        char c = peek();
        if (!(is_ascii_alpha(c) || is_digit(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80)) return;
        for (std::string_view keyword : {"and", "else", "for", "if", "in", "is", "not", "or"}) {
            if (text_.substr(pos_, keyword.size()) == keyword) return;
        }
        fail(line_, col() - 1, std::string("invalid ") + kind + " literal");
    };

    if (peek() == '0' && (to_lower(peek(1)) == 'x' || to_lower(peek(1)) == 'o' || to_lower(peek(1)) == 'b')) {
        char base = to_lower(peek(1));
        pos_ += 2;
        if (peek() == '_') ++pos_;
        if (base == 'x') {
            if (!is_hex_digit(peek())) fail_here("invalid hexadecimal literal");
            digits(is_hex_digit, "invalid hexadecimal literal");
            verify_end("hexadecimal");
        } else {
            auto octal = [](char c) { return c >= '0' && c <= '7'; };
            auto binary = [](char c) { return c == '0' || c == '1'; };
            const char* name = base == 'o' ? "octal" : "binary";
            auto bad_digit = [&] {
                if (is_digit(peek())) {
                    fail(line_, col(), std::string("invalid digit '") + peek() + "' in " + name + " literal");
                }
                fail_here(std::string("invalid ") + name + " literal");
            };
            bool ok = base == 'o' ? octal(peek()) : binary(peek());
            if (!ok) bad_digit();
            if (base == 'o') digits(octal, "invalid octal literal");
            else digits(binary, "invalid binary literal");
            if (is_digit(peek())) bad_digit();
            verify_end(name);
        }
        push(TokenKind::Number, start, line, column);
        return;
    }

    if (peek() != '.') {
        bool leading_zero = peek() == '0';
        std::size_t digits_start = pos_;
        digits(is_digit, "invalid decimal literal");
        bool nonzero = false;
        for (std::size_t i = digits_start; i < pos_; ++i) nonzero |= text_[i] != '0' && text_[i] != '_';
        char next = to_lower(peek());
        if (leading_zero && nonzero && next != '.' && next != 'e' && next != 'j') {
            fail(line, column,
                 "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
        }
    }
    if (peek() == '.') {
        ++pos_;
        if (is_digit(peek())) digits(is_digit, "invalid decimal literal");
    }
    if (to_lower(peek()) == 'e') {
        std::size_t mark = pos_;
        ++pos_;
        bool sign = peek() == '+' || peek() == '-';
        if (sign) ++pos_;
        if (!is_digit(peek())) {
            // `1else` is the deprecated `1 else`; otherwise the exponent is missing.
            if (text_.substr(mark, 4) == "else") {
                pos_ = mark;
                push(TokenKind::Number, start, line, column);
                return;
            }
            fail(line_, sign ? col() - 1 : static_cast<int>(mark - line_start_) - 1, "invalid decimal literal");
        }
        digits(is_digit, "invalid decimal literal");
    }
    if (to_lower(peek()) == 'j') {
        ++pos_;
        verify_end("imaginary");
    } else {
        verify_end("decimal");
    }
    push(TokenKind::Number, start, line, column);
}

void Lexer::scan_operator() {
    std::size_t start = pos_;
    int line = line_, column = col();
    const OperatorSpelling* best = nullptr;
    for (const OperatorSpelling& op : kOperators) {
        if (text_.compare(pos_, op.text.size(), op.text) == 0 && pos_ + op.text.size() <= end_ &&
            (best == nullptr || op.text.size() > best->text.size())) {
            best = &op;
        }
    }
    if (best == nullptr) fail_invalid_character(pos_);
    pos_ += best->text.size();

    char c = best->text[0];
    if (best->text.size() == 1 && (c == '(' || c == '[' || c == '{')) {
        if (brackets_.size() >= static_cast<std::size_t>(kMaxBracketNesting)) {
            fail(line, column, "too many nested parentheses");
        }
        brackets_.push_back({c, line, column, start});
    } else if (best->text.size() == 1 && (c == ')' || c == ']' || c == '}')) {
        const char* prefix = field_mode_ ? "f-string: " : "";
        if (brackets_.empty()) fail(line, column, std::string(prefix) + "unmatched '" + c + "'");
        Bracket open = brackets_.back();
        if (closing_for(open.ch) != c) {
            std::string message = std::string(prefix) + "closing parenthesis '" + c +
                                  "' does not match opening parenthesis '" + open.ch + "'";
            if (open.line != line) message += " on line " + std::to_string(open.line);
            fail(line, column, message);
        }
        brackets_.pop_back();
    }
    push(best->kind, start, line, column);
}

void Lexer::finish_module() {
    if (!brackets_.empty()) {
        const Bracket& open = brackets_.back();
        error_rank_ = ErrorRank::UnclosedBracket;
        unclosed_bracket_offset_ = open.offset;
        fail(open.line, open.col, std::string("'") + open.ch + "' was never closed");
    }
    if (!tokens_.empty() && tokens_.back().kind != TokenKind::Newline &&
        tokens_.back().kind != TokenKind::Dedent) {
        push(TokenKind::Newline, pos_, line_, col());
    }
    while (indents_.size() > 1) {
        indents_.pop_back();
        push(TokenKind::Dedent, pos_, line_, col());
    }
    push(TokenKind::EndMarker, pos_, line_, col());
}

}  // namespace tl::script
