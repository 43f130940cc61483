// Literals: numbers (exact int digits with an int64 fast path, correctly rounded
// floats), string escapes, implicit concatenation and f-strings. An f-string token
// is split here into literal parts and replacement fields; each field's expression
// is lexed and parsed by a nested Lexer/Parser over the same source, so positions
// inside f-strings are exact.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>

#include "daemon/script/lexer.h"
#include "daemon/script/parser_internal.h"
#include "daemon/script/utf8.h"

namespace tl::script {

using namespace ast;

namespace {

// CPython refuses longer int literals too (sys.int_info.default_max_str_digits);
// it keeps the quadratic base conversion below cheap.
constexpr std::size_t kMaxIntDigits = 4300;

int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 0;
}

// Exact decimal text of `digits` in `base`, via base-10^9 limbs.
std::string to_decimal(std::string_view digits, int base) {
    std::vector<std::uint32_t> limbs;   // little-endian, each < 10^9
    for (char c : digits) {
        std::uint64_t carry = static_cast<std::uint64_t>(digit_value(c));
        for (std::uint32_t& limb : limbs) {
            std::uint64_t v = static_cast<std::uint64_t>(limb) * static_cast<std::uint64_t>(base) + carry;
            limb = static_cast<std::uint32_t>(v % 1000000000u);
            carry = v / 1000000000u;
        }
        while (carry != 0) {
            limbs.push_back(static_cast<std::uint32_t>(carry % 1000000000u));
            carry /= 1000000000u;
        }
    }
    if (limbs.empty()) return "0";
    std::string out = std::to_string(limbs.back());
    for (std::size_t i = limbs.size() - 1; i-- > 0;) {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, "%09u", static_cast<unsigned>(limbs[i]));
        out += buffer;
    }
    return out;
}

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

ExprPtr Parser::parse_number() {
    const Token& t = advance();
    std::string text;
    for (char c : t.text) {
        if (c != '_') text += c;
    }
    char last = text.back();
    if (last == 'j' || last == 'J') fail_unsupported(t, Unsupported::ComplexLiteral);

    auto constant = node<Constant>(t);
    finish(constant->pos);
    bool prefixed = text.size() > 2 && text[0] == '0' &&
                    (text[1] == 'x' || text[1] == 'X' || text[1] == 'o' || text[1] == 'O' || text[1] == 'b' ||
                     text[1] == 'B');
    if (!prefixed && text.find_first_of(".eE") != std::string::npos) {
        constant->value_kind = ConstantKind::Float;
        double value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec == std::errc::result_out_of_range) {
            // from_chars leaves the value alone on overflow/underflow; Python
            // gives inf or 0.0. Tell them apart by the decimal exponent.
            std::size_t e = text.find_first_of("eE");
            long exponent = e == std::string::npos ? 0 : std::strtol(text.c_str() + e + 1, nullptr, 10);
            // strtol saturates at LONG_MAX for 1e99999999999999999999; keep the sum below in range.
            exponent = std::clamp(exponent, -1000000000L, 1000000000L);
            std::string mantissa = text.substr(0, e);
            std::size_t dot = mantissa.find('.');
            std::string integer = mantissa.substr(0, dot);
            std::size_t first_nonzero = integer.find_first_not_of('0');
            long magnitude = first_nonzero == std::string::npos ? -1 : static_cast<long>(integer.size() - first_nonzero);
            value = magnitude + exponent > 0 ? std::numeric_limits<double>::infinity() : 0.0;
        } else if (ec != std::errc() || end != text.data() + text.size()) {
            fail_at(t, "invalid float literal");
        }
        constant->float_value = value;
        return constant;
    }

    constant->value_kind = ConstantKind::Int;
    std::string_view digits = text;
    int base = 10;
    if (prefixed) {
        char p = text[1];
        base = (p == 'x' || p == 'X') ? 16 : (p == 'o' || p == 'O') ? 8 : 2;
        digits.remove_prefix(2);
    }
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    if (digits.size() > kMaxIntDigits) {
        fail_at(t, "integer literal too long: " + std::to_string(digits.size()) + " digits, the limit is " +
                       std::to_string(kMaxIntDigits));
    }
    constant->int_digits = base == 10 ? std::string(digits) : to_decimal(digits, base);
    const std::string& decimal = constant->int_digits;
    static const std::string kMax = std::to_string(std::numeric_limits<std::int64_t>::max());
    if (decimal.size() > kMax.size() || (decimal.size() == kMax.size() && decimal > kMax)) {
        constant->int_overflow = true;
    } else {
        std::from_chars(decimal.data(), decimal.data() + decimal.size(), constant->int_value);
    }
    return constant;
}

Position Parser::position_of_offset(std::size_t offset) const {
    Position pos;
    pos.line = pos.end_line = source_.line_of(offset);
    pos.col = pos.end_col = static_cast<int>(offset - source_.line_start(pos.line));
    return pos;
}

// Decodes the escape sequence whose backslash is at `at`; returns the offset just
// past it. Errors are reported at the string token, as CPython does.
std::size_t Parser::decode_escape(const Token& token, std::size_t at, std::size_t end, std::string& out) const {
    std::string_view text = source_.text();
    std::size_t i = at + 1;
    if (i >= end) {
        out += '\\';
        return i;
    }
    char c = text[i];
    auto hex_escape = [&](int count, const char* name) {
        char32_t cp = 0;
        for (int k = 1; k <= count; ++k) {
            if (i + static_cast<std::size_t>(k) >= end || !is_hex(text[i + static_cast<std::size_t>(k)])) {
                fail_at(token, std::string("invalid \\") + name + " escape: expected " + std::to_string(count) +
                                   " hex digits");
            }
            cp = cp * 16 + static_cast<char32_t>(digit_value(text[i + static_cast<std::size_t>(k)]));
        }
        if (cp > 0x10FFFF) fail_at(token, "invalid \\U escape: code point above U+10FFFF");
        if (cp >= 0xD800 && cp <= 0xDFFF) fail_unsupported(token, Unsupported::SurrogateEscape);
        utf8::append(out, cp);
        return i + 1 + static_cast<std::size_t>(count);
    };
    switch (c) {
    case '\n': return i + 1;   // backslash-newline: a line continuation inside the string
    case '\r': return (i + 1 < end && text[i + 1] == '\n') ? i + 2 : i + 1;
    case '\\': out += '\\'; return i + 1;
    case '\'': out += '\''; return i + 1;
    case '"': out += '"'; return i + 1;
    case 'a': out += '\a'; return i + 1;
    case 'b': out += '\b'; return i + 1;
    case 'f': out += '\f'; return i + 1;
    case 'n': out += '\n'; return i + 1;
    case 'r': out += '\r'; return i + 1;
    case 't': out += '\t'; return i + 1;
    case 'v': out += '\v'; return i + 1;
    case 'x': return hex_escape(2, "x");
    case 'u': return hex_escape(4, "u");
    case 'U': return hex_escape(8, "U");
    case 'N': fail_unsupported(token, Unsupported::NamedUnicodeEscape);
    default: break;
    }
    if (c >= '0' && c <= '7') {
        char32_t cp = 0;
        std::size_t k = i;
        while (k < end && k < i + 3 && text[k] >= '0' && text[k] <= '7') cp = cp * 8 + static_cast<char32_t>(text[k++] - '0');
        utf8::append(out, cp);
        return k;
    }
    // Unknown escapes keep their backslash (Python warns, but accepts them).
    out += '\\';
    return i;
}

void Parser::decode_string_body(const Token& token, std::size_t begin, std::size_t end, std::string& out) const {
    std::string_view text = source_.text();
    bool raw = token.string_flags & kStringRaw;
    for (std::size_t i = begin; i < end;) {
        char c = text[i];
        if (c == '\\' && !raw) {
            i = decode_escape(token, i, end, out);
        } else if (c == '\r') {
            // The tokenizer reads source in universal-newlines mode.
            out += '\n';
            i += (i + 1 < end && text[i + 1] == '\n') ? 2 : 1;
        } else {
            out += c;
            ++i;
        }
    }
}

void Parser::flush_pending(ExprList& parts, std::string& pending, Position& pending_pos) const {
    if (pending.empty()) return;
    auto constant = std::make_unique<Constant>();
    constant->pos = pending_pos;
    constant->value_kind = ConstantKind::Str;
    constant->str_value = std::move(pending);
    pending.clear();
    parts.push_back(std::move(constant));
}

ExprPtr Parser::parse_strings() {
    const Token& first = tok();
    std::vector<const Token*> pieces;
    bool any_fstring = false;
    while (at(TokenKind::String)) {
        const Token& t = advance();
        if (t.string_flags & kStringBytes) fail_unsupported(t, Unsupported::BytesLiteral);
        any_fstring |= (t.string_flags & kStringFormat) != 0;
        pieces.push_back(&t);
    }
    auto body_begin = [](const Token& t) { return t.offset + t.prefix_len + t.quote_len; };
    auto body_end = [](const Token& t) { return t.offset + t.text.size() - t.quote_len; };

    if (!any_fstring) {
        auto constant = node<Constant>(first);
        constant->value_kind = ConstantKind::Str;
        constant->u_prefix = (first.string_flags & kStringUnicode) != 0;
        for (const Token* t : pieces) decode_string_body(*t, body_begin(*t), body_end(*t), constant->str_value);
        finish(constant->pos);
        return constant;
    }

    auto joined = node<JoinedStr>(first);
    std::string pending;
    Position pending_pos;
    for (const Token* t : pieces) {
        if (t->string_flags & kStringFormat) {
            parse_fstring(*t, joined->values, pending, pending_pos);
            continue;
        }
        std::string value;
        decode_string_body(*t, body_begin(*t), body_end(*t), value);
        if (value.empty()) continue;
        if (pending.empty()) pending_pos = start_of(*t);
        pending_pos.end_line = t->end_line;   // CPython ends it after the closing quote
        pending_pos.end_col = t->end_col;
        pending += value;
    }
    flush_pending(joined->values, pending, pending_pos);
    finish(joined->pos);
    return joined;
}

void Parser::parse_fstring(const Token& token, ExprList& parts, std::string& pending, Position& pending_pos) {
    std::size_t begin = token.offset + token.prefix_len + token.quote_len;
    std::size_t end = token.offset + token.text.size() - token.quote_len;
    parse_fstring_literal(token, begin, end, false, parts, pending, pending_pos);
}

// Literal text of an f-string (or of a format spec when `in_spec`, which ends at
// the '}' closing the field). Returns where it stopped.
std::size_t Parser::parse_fstring_literal(const Token& token, std::size_t at, std::size_t end, bool in_spec,
                                          ExprList& parts, std::string& pending, Position& pending_pos) {
    std::string_view text = source_.text();
    bool raw = token.string_flags & kStringRaw;
    auto note_literal = [&](std::size_t from, std::size_t to) {
        if (pending.empty()) pending_pos = position_of_offset(from);
        Position e = position_of_offset(to);
        pending_pos.end_line = e.line;
        pending_pos.end_col = e.col;
    };
    std::size_t i = at;
    while (i < end) {
        char c = text[i];
        if (c == '{') {
            if (!in_spec && i + 1 < end && text[i + 1] == '{') {
                note_literal(i, i + 2);
                pending += '{';
                i += 2;
                continue;
            }
            i = parse_fstring_field(token, i, end, parts, pending, pending_pos);
        } else if (c == '}') {
            if (in_spec) return i;
            if (i + 1 < end && text[i + 1] == '}') {
                note_literal(i, i + 2);
                pending += '}';
                i += 2;
                continue;
            }
            Position p = position_of_offset(i);
            fail_at(p, "f-string: single '}' is not allowed");
        } else if (c == '\\' && !raw) {
            std::string decoded;
            std::size_t next = decode_escape(token, i, end, decoded);
            if (!decoded.empty()) note_literal(i, next);
            pending += decoded;
            i = next;
        } else if (c == '\r') {
            note_literal(i, i + 1);
            pending += '\n';
            i += (i + 1 < end && text[i + 1] == '\n') ? 2 : 1;
        } else {
            note_literal(i, i + 1);
            pending += c;
            ++i;
        }
    }
    return i;
}

// One replacement field `{expr[=][!c][:spec]}` starting at `open_brace`.
// Returns the offset just past its closing '}'.
std::size_t Parser::parse_fstring_field(const Token& token, std::size_t open_brace, std::size_t end,
                                        ExprList& parts, std::string& pending, Position& pending_pos) {
    std::string_view text = source_.text();
    Position open_pos = position_of_offset(open_brace);
    DepthGuard guard(*this, open_pos);

    std::size_t stop = 0;
    Lexer lexer(source_);
    std::vector<Token> tokens = lexer.tokenize_fstring_field(open_brace + 1, end, stop);
    Position stop_pos = position_of_offset(stop);
    if (stop >= end) {
        // The field ran into the closing quote. When the string visibly goes on
        // after it (f'{d['k']}', f'{f'x'}'), the author reused the enclosing quote
        // inside the braces, which only Python 3.12+ accepts: say so, and let this
        // error win over the lexer's confusion about the rest of the line.
        std::size_t after = token.offset + token.text.size();
        bool adjacent = tokens.empty() || tokens.back().offset + tokens.back().text.size() == end;
        bool continues = after < text.size() && text[after] != '\n' && text[after] != '\r';
        if (adjacent && continues) {
            throw SyntaxErrorException{
                make_syntax_error(source_, stop_pos.line, stop_pos.col,
                                  unsupported_message(Unsupported::FStringQuoteReuse)),
                true};
        }
    }
    if (tokens.empty()) {
        if (stop >= end) fail_at(stop_pos, "f-string: expecting '}'");
        fail_at(stop_pos, std::string("f-string: valid expression required before '") + text[stop] + "'");
    }
    Token end_marker;
    end_marker.kind = TokenKind::EndMarker;
    end_marker.line = end_marker.end_line = stop_pos.line;
    end_marker.col = end_marker.end_col = stop_pos.col;
    end_marker.offset = stop;
    tokens.push_back(end_marker);
    Parser field_parser(source_, std::move(tokens), depth_);
    ExprPtr value = field_parser.parse_field_expression();

    std::size_t i = stop;
    if (i < end && text[i] == '=') {
        // f"{x = }": the expression text, '=' and surrounding spaces are kept.
        ++i;
        while (i < end && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
        if (pending.empty()) pending_pos = position_of_offset(open_brace + 1);
        Position e = position_of_offset(i);
        pending_pos.end_line = e.line;
        pending_pos.end_col = e.col;
        pending.append(text.substr(open_brace + 1, i - open_brace - 1));
    }
    bool debug = i != stop;
    int conversion = -1;
    if (i < end && text[i] == '!') {
        ++i;
        if (i >= end || text[i] == '}' || text[i] == ':') {
            fail_at(position_of_offset(i), "f-string: missing conversion character");
        }
        if (text[i] != 's' && text[i] != 'r' && text[i] != 'a') {
            std::size_t len;
            utf8::decode(text, i, len);
            fail_at(position_of_offset(i), "f-string: invalid conversion character '" +
                                               std::string(text.substr(i, len)) + "': expected 's', 'r', or 'a'");
        }
        conversion = text[i];
        ++i;
        // 3.12+ allows spaces between the conversion and ':' or '}'.
        while (i < end && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    }
    ExprPtr spec;
    if (i < end && text[i] == ':') {
        auto joined = node_at<JoinedStr>(position_of_offset(i));   // CPython starts it at the ':'
        ++i;
        std::string spec_pending;
        Position spec_pending_pos;
        i = parse_fstring_literal(token, i, end, true, joined->values, spec_pending, spec_pending_pos);
        flush_pending(joined->values, spec_pending, spec_pending_pos);
        Position e = position_of_offset(i);
        joined->pos.end_line = e.line;
        joined->pos.end_col = e.col;
        spec = std::move(joined);
    }
    if (i >= end || text[i] != '}') fail_at(position_of_offset(i), "f-string: expecting '}'");
    ++i;
    if (debug && conversion == -1 && !spec) conversion = 'r';

    flush_pending(parts, pending, pending_pos);
    auto formatted = node_at<FormattedValue>(open_pos);
    Position close = position_of_offset(i);
    formatted->pos.end_line = close.line;
    formatted->pos.end_col = close.col;
    formatted->value = std::move(value);
    formatted->conversion = conversion;
    formatted->format_spec = std::move(spec);
    parts.push_back(std::move(formatted));
    return i;
}

}  // namespace tl::script
