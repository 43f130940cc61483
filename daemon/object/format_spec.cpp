// format(value, spec): the format-spec mini-language as Python/formatter_unicode.c
// implements it — parse_internal_render_format_spec, calc_number_widths/fill_number with
// grouping that also groups zero padding, float formatting through glibc's correctly
// rounded printf (ties to even on the exact binary value, as CPython's dtoa), and
// CPython's error messages. Objects with __format__ are called; others use str().
#include <cmath>
#include <cstdio>

#include "daemon/object/float_repr.h"
#include "daemon/object/ops_support.h"

namespace tl {

namespace {

struct Spec {
    char32_t fill = U' ';
    char align = 0;       // 0 = default
    char sign = 0;        // 0, '+', '-', ' '
    bool no_neg_zero = false;
    bool alternate = false;
    int64_t width = -1;
    char thousands = 0;   // 0, ',', '_'
    int64_t precision = -1;
    char type = 0;
    bool fill_set = false;
};

bool parse_spec(std::string_view spec_text, const char* tname, char default_align, Spec& s, Outcome& err,
                char default_type = 0) {
    std::u32string spec = utf8_decode(spec_text);
    size_t pos = 0, end = spec.size();
    auto is_align = [](char32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; };
    bool align_specified = false;
    if (end - pos >= 2 && is_align(spec[pos + 1])) {
        s.fill = spec[pos];
        s.fill_set = true;
        s.align = static_cast<char>(spec[pos + 1]);
        align_specified = true;
        pos += 2;
    } else if (end - pos >= 1 && is_align(spec[pos])) {
        s.align = static_cast<char>(spec[pos]);
        align_specified = true;
        ++pos;
    }
    if (pos < end && (spec[pos] == '+' || spec[pos] == '-' || spec[pos] == ' ')) {
        s.sign = static_cast<char>(spec[pos]);
        ++pos;
    }
    if (pos < end && spec[pos] == 'z') {
        s.no_neg_zero = true;
        ++pos;
    }
    if (pos < end && spec[pos] == '#') {
        s.alternate = true;
        ++pos;
    }
    if (!s.fill_set && pos < end && spec[pos] == '0') {
        s.fill = U'0';
        s.fill_set = true;
        if (!align_specified && default_align == '>') s.align = '=';
        ++pos;
    }
    auto read_int = [&](int64_t& out) {
        size_t start = pos;
        int64_t v = 0;
        while (pos < end && spec[pos] >= '0' && spec[pos] <= '9') {
            v = v * 10 + (spec[pos] - '0');
            if (v > 0x7fffffff) {
                err = value_error("Too many decimal digits in format string");
                return false;
            }
            ++pos;
        }
        if (pos > start) out = v;
        return true;
    };
    if (!read_int(s.width)) return false;
    if (pos < end && spec[pos] == ',') { s.thousands = ','; ++pos; }
    if (pos < end && spec[pos] == '_') {
        if (s.thousands) { err = value_error("Cannot specify both ',' and '_'."); return false; }
        s.thousands = '_';
        ++pos;
    }
    if (pos < end && spec[pos] == ',') {
        err = value_error(s.thousands == '_' ? "Cannot specify both ',' and '_'." : "Cannot specify ',' with ','.");
        return false;
    }
    if (pos < end && spec[pos] == '.') {
        ++pos;
        size_t before = pos;
        if (!read_int(s.precision)) return false;
        if (pos == before) { err = value_error("Format specifier missing precision"); return false; }
    }
    if (end - pos > 1) {
        err = value_error("Invalid format specifier '" + std::string(spec_text) + "' for object of type '" + tname + "'");
        return false;
    }
    if (end - pos == 1) s.type = static_cast<char>(spec[pos] < 0x80 ? spec[pos] : '?');
    if (s.thousands) {
        switch (s.type ? s.type : default_type) {
            case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0: break;
            case 'b': case 'o': case 'x': case 'X':
                if (s.thousands == '_') break;
                [[fallthrough]];
            default: {
                std::string t(1, s.type ? s.type : default_type);
                err = value_error(std::string("Cannot specify '") + s.thousands + "' with '" + t + "'.");
                return false;
            }
        }
    }
    return true;
}

std::string fill_str(char32_t c, int64_t n) {
    std::string out;
    for (int64_t i = 0; i < n; ++i) utf8_append(out, c);
    return out;
}

// Groups `digits` from the right with `sep` every `group` digits, padding with zeros to
// at least min_width characters (the grouped zero-padding of fill_number).
std::string group_digits(const std::string& digits, char sep, int group, int64_t min_width) {
    std::string out;
    int64_t remaining = static_cast<int64_t>(digits.size());
    int64_t pos = remaining;
    int64_t m = min_width;
    for (;;) {
        int64_t l = std::min<int64_t>(group, std::max<int64_t>(std::max(remaining, m), 1));
        int64_t n_zeros = std::max<int64_t>(0, l - remaining);
        int64_t n_chars = std::max<int64_t>(0, std::min(remaining, l));
        out.insert(0, digits.substr(static_cast<size_t>(pos - n_chars), static_cast<size_t>(n_chars)));
        out.insert(0, std::string(static_cast<size_t>(n_zeros), '0'));
        pos -= n_chars;
        remaining -= n_chars;
        m -= l;
        if (remaining <= 0 && m <= 0) break;
        out.insert(0, 1, sep);
        m -= 1;
    }
    return out;
}

// Lays out sign + prefix + digits(+grouping) + rest into the width with the alignment.
std::string layout_number(const Spec& s, bool negative, const std::string& prefix, const std::string& digits,
                          const std::string& rest) {
    std::string sign;
    if (negative) sign = "-";
    else if (s.sign == '+') sign = "+";
    else if (s.sign == ' ') sign = " ";
    char align = s.align ? s.align : '>';
    int64_t width = s.width;
    std::string body = digits;
    int64_t fixed = static_cast<int64_t>(sign.size() + prefix.size() + utf8_length(rest));
    if (s.thousands) {
        int group = (s.type == 'b' || s.type == 'o' || s.type == 'x' || s.type == 'X') ? 4 : 3;
        int64_t min_w = (align == '=' && s.fill == U'0' && width > fixed) ? width - fixed : 0;
        body = group_digits(digits, s.thousands, group, min_w);
    }
    std::string content = sign + prefix + body + rest;
    int64_t len = static_cast<int64_t>(utf8_length(content));
    if (width <= len) return content;
    int64_t pad = width - len;
    switch (align) {
        case '<': return content + fill_str(s.fill, pad);
        case '^': return fill_str(s.fill, pad / 2) + content + fill_str(s.fill, pad - pad / 2);
        case '=': return sign + prefix + fill_str(s.fill, pad) + body + rest;
        default: return fill_str(s.fill, pad) + content;
    }
}

std::string to_base(uint64_t v, int base, bool upper) {
    if (v == 0) return "0";
    const char* d = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    std::string out;
    while (v) {
        out.insert(out.begin(), d[v % static_cast<uint64_t>(base)]);
        v /= static_cast<uint64_t>(base);
    }
    return out;
}

Outcome format_float_spec(double v, Spec s);

}  // namespace

Outcome format_int(int64_t v, std::string_view spec, const char* tname) {
    Spec s;
    Outcome err;
    if (!parse_spec(spec, tname, '>', s, err)) return err;
    switch (s.type) {
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%':
            return format_float_spec(static_cast<double>(v), s);
        case 0: case 'd': case 'n': case 'b': case 'o': case 'x': case 'X': case 'c': break;
        default: {
            std::string t(1, s.type);
            return value_error("Unknown format code '" + t + "' for object of type '" + tname + "'");
        }
    }
    if (s.precision >= 0) return value_error("Precision not allowed in integer format specifier");
    if (s.no_neg_zero) return value_error("Negative zero coercion (z) not allowed in integer format specifier");
    uint64_t mag = v < 0 ? 0ULL - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
    if (s.type == 'c') {
        if (s.sign) return value_error("Sign not allowed with integer format specifier 'c'");
        if (s.alternate) return value_error("Alternate form (#) not allowed with integer format specifier 'c'");
        if (v < 0 || v > 0x10FFFF) return overflow_error("%c arg not in range(0x110000)");
        std::string ch;
        utf8_append(ch, static_cast<char32_t>(v));
        Spec t = s;
        t.sign = 0;
        return Outcome::ok(make_str(layout_number(t, false, "", ch, "")));
    }
    std::string prefix, digits;
    switch (s.type) {
        case 'b': digits = to_base(mag, 2, false); prefix = s.alternate ? "0b" : ""; break;
        case 'o': digits = to_base(mag, 8, false); prefix = s.alternate ? "0o" : ""; break;
        case 'x': digits = to_base(mag, 16, false); prefix = s.alternate ? "0x" : ""; break;
        case 'X': digits = to_base(mag, 16, true); prefix = s.alternate ? "0X" : ""; break;
        default: digits = std::to_string(mag); break;
    }
    return Outcome::ok(make_str(layout_number(s, v < 0, prefix, digits, "")));
}

namespace {

// Splits printf output "1234.5e+03" into integer digits and the rest.
void split_number(const std::string& text, std::string& digits, std::string& rest) {
    size_t i = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    digits = text.substr(0, i);
    rest = text.substr(i);
}

Outcome format_float_spec(double v, Spec s) {
    char type = s.type;
    bool add_dot_0 = false;
    int64_t precision = s.precision;
    switch (type) {
        case 0:
            add_dot_0 = true;
            type = precision < 0 ? 'r' : 'g';
            break;
        case 'n': type = 'g'; break;
        case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': break;
        default: {
            std::string t(1, type);
            return value_error("Unknown format code '" + t + "' for object of type 'float'");
        }
    }
    if (precision < 0) precision = 6;
    bool negative = std::signbit(v);
    double x = std::fabs(v);
    std::string suffix;
    if (type == '%') {
        x *= 100;
        type = 'f';
        suffix = "%";
    }
    std::string text;
    bool upper = type == 'E' || type == 'F' || type == 'G';
    if (std::isnan(x) || std::isinf(x)) {
        text = std::isnan(x) ? "nan" : "inf";
        if (upper) text = std::isnan(x) ? "NAN" : "INF";
        if (std::isnan(x)) negative = std::signbit(v);
    } else if (type == 'r') {
        text = float_repr(x);
    } else {
        char fmt[16];
        char conv = static_cast<char>(type == 'F' ? 'f' : type);
        std::snprintf(fmt, sizeof fmt, "%%%s.*%c", s.alternate ? "#" : "", conv);
        std::vector<char> buf(static_cast<size_t>(precision) + 400);
        std::snprintf(buf.data(), buf.size(), fmt, static_cast<int>(precision), x);
        text = buf.data();
        if (add_dot_0 && type == 'g') {
            // format_float_short with Py_DTSF_ADD_DOT_0: the exponent form is used when
            // decpt > precision - 1, since "100.0" would need one digit more than asked.
            int64_t p = precision == 0 ? 1 : precision;
            std::snprintf(buf.data(), buf.size(), "%.*e", static_cast<int>(p - 1), x);
            std::string sci = buf.data();
            int decpt = std::atoi(sci.c_str() + sci.find('e') + 1) + 1;
            if (decpt > p - 1 && decpt > -4) {
                std::string mant = sci.substr(0, sci.find('e'));
                if (mant.find('.') != std::string::npos) {
                    while (mant.back() == '0') mant.pop_back();
                    if (mant.back() == '.') mant.pop_back();
                }
                text = mant + sci.substr(sci.find('e'));
            }
        }
        if (add_dot_0 && text.find('.') == std::string::npos && text.find('e') == std::string::npos &&
            text.find("inf") == std::string::npos && text.find("nan") == std::string::npos) text += ".0";
    }
    if (s.no_neg_zero && negative) {
        // 'z': a result that rounds to zero loses its minus sign.
        bool all_zero = true;
        for (char c : text) {
            if (c == 'e' || c == 'E') break;
            if (c >= '1' && c <= '9') all_zero = false;
        }
        if (all_zero && !std::isnan(x)) negative = false;
    }
    std::string digits, rest;
    split_number(text, digits, rest);
    if (digits.empty() && (std::isnan(x) || std::isinf(x))) {
        // inf/nan: no digit grouping; zero padding still applies ('0000000inf').
        digits = text;
        rest.clear();
        Spec t = s;
        t.thousands = 0;
        return Outcome::ok(make_str(layout_number(t, negative, "", digits, suffix)));
    }
    return Outcome::ok(make_str(layout_number(s, negative, "", digits, rest + suffix)));
}

}  // namespace

Outcome format_float(double v, std::string_view spec) {
    if (spec.empty()) return Outcome::ok(make_str(float_repr(v)));
    Spec s;
    Outcome err;
    if (!parse_spec(spec, "float", '>', s, err)) return err;
    if (s.type == 'c' || s.type == 'd' || s.type == 'b' || s.type == 'o' || s.type == 'x' || s.type == 'X' || s.type == 's') {
        std::string t(1, s.type);
        return value_error("Unknown format code '" + t + "' for object of type 'float'");
    }
    return format_float_spec(v, s);
}

Outcome format_str(std::string_view str, std::string_view spec) {
    if (spec.empty()) return Outcome::ok(make_str(std::string(str)));
    Spec s;
    Outcome err;
    if (!parse_spec(spec, "str", '<', s, err, 's')) return err;
    if (s.type != 0 && s.type != 's') {
        std::string t(1, s.type);
        return value_error("Unknown format code '" + t + "' for object of type 'str'");
    }
    if (s.sign) return value_error("Sign not allowed in string format specifier");
    if (s.alternate) return value_error("Alternate form (#) not allowed in string format specifier");
    if (s.align == '=') return value_error("'=' alignment not allowed in string format specifier");
    if (s.no_neg_zero) return value_error("Negative zero coercion (z) not allowed in string format specifier");
    std::u32string u = utf8_decode(str);
    if (s.precision >= 0 && static_cast<int64_t>(u.size()) > s.precision) u.resize(static_cast<size_t>(s.precision));
    std::string content = utf8_encode(u);
    int64_t len = static_cast<int64_t>(u.size());
    if (s.width <= len) return Outcome::ok(make_str(content));
    int64_t pad = s.width - len;
    char align = s.align ? s.align : '<';
    if (align == '>') return Outcome::ok(make_str(fill_str(s.fill, pad) + content));
    if (align == '^') return Outcome::ok(make_str(fill_str(s.fill, pad / 2) + content + fill_str(s.fill, pad - pad / 2)));
    return Outcome::ok(make_str(content + fill_str(s.fill, pad)));
}

Outcome format(const Value& v, std::string_view spec) {
    switch (v.tag()) {
        case Value::Tag::Int: return format_int(v.as_int(), spec, "int");
        case Value::Tag::Bool:
            if (spec.empty()) return Outcome::ok(make_str(v.as_bool() ? "True" : "False"));
            return format_int(v.as_bool() ? 1 : 0, spec, "bool");
        case Value::Tag::Float: return format_float(v.as_float(), spec);
        default: break;
    }
    if (v.is_obj()) {
        Type* t = v.as_obj()->type();
        if (t == str_type()) return format_str(*str_of(v), spec);
        Value fn = find_override(t, "__format__");
        if (!fn.is_null()) {
            Value sv = make_str(std::string(spec));
            Outcome r = call_override(fn, v, std::span<const Value>(&sv, 1));
            if (!r.ok()) return r;
            if (!str_of(r.value)) return type_error("__format__ must return a str, not " + type_name(r.value));
            return r;
        }
        if (t->layout() == Layout::Str) return format_str(*str_of(v), spec);
    }
    // object.__format__: only the empty spec is allowed.
    if (!spec.empty()) {
        return type_error("unsupported format string passed to " + type_name(v) + ".__format__");
    }
    return str(v);
}

}  // namespace tl
