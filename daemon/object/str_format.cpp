// str.format (Objects/stringlib/unicode_format.h: auto/manual field numbering, attribute
// and index field names, !r/!s/!a conversions, nested fields inside specs) and printf-style
// `str % args` (PyUnicode_Format: %s %r %a %d %i %u %x %X %o %e %E %f %F %g %G %c %%,
// flags, * widths, %(name)s mappings), with CPython's error messages.
#include <cmath>
#include <cstdio>

#include "daemon/object/dict.h"
#include "daemon/object/ops_support.h"

namespace tl {

namespace {

struct FormatState {
    Args args;
    Kwargs kwargs;
    int auto_index = 0;  // next automatic field number
    int mode = 0;        // 0 unknown, 1 automatic, 2 manual
};

bool is_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

Outcome render_field(std::string_view field, FormatState& st, int depth);

// Expands {…} fields inside a format spec ("{:{width}}").
Outcome expand_spec(std::string_view spec, FormatState& st, int depth) {
    if (spec.find('{') == std::string_view::npos) return Outcome::ok(make_str(std::string(spec)));
    std::string out;
    size_t i = 0;
    while (i < spec.size()) {
        if (spec[i] == '{') {
            size_t j = spec.find('}', i);
            if (j == std::string_view::npos) return value_error("unmatched '{' in format spec");
            Outcome r = render_field(spec.substr(i + 1, j - i - 1), st, depth + 1);
            if (!r.ok()) return r;
            out += *str_of(r.value);
            i = j + 1;
        } else {
            out += spec[i++];
        }
    }
    return Outcome::ok(make_str(out));
}

// One replacement field's text between the braces.
Outcome render_field(std::string_view field, FormatState& st, int depth) {
    if (depth > 2) return value_error("Max string recursion exceeded");
    // Split field_name[!conv][:spec], respecting [] in the name.
    size_t i = 0;
    int bracket = 0;
    while (i < field.size()) {
        char c = field[i];
        if (c == '[') bracket++;
        else if (c == ']') bracket--;
        else if (bracket == 0 && (c == '!' || c == ':')) break;
        ++i;
    }
    std::string_view name = field.substr(0, i);
    char conv = 0;
    std::string_view spec;
    if (i < field.size() && field[i] == '!') {
        if (i + 1 >= field.size()) return value_error("end of string while looking for conversion specifier");
        conv = field[i + 1];
        i += 2;
        if (i < field.size() && field[i] != ':') return value_error("expected ':' after conversion specifier");
    }
    if (i < field.size() && field[i] == ':') spec = field.substr(i + 1);
    // The first part of the name: an index, a keyword or empty (automatic).
    size_t k = 0;
    while (k < name.size() && name[k] != '.' && name[k] != '[') ++k;
    std::string_view first = name.substr(0, k);
    Value obj;
    if (first.empty() || is_digits(first)) {
        int64_t index;
        if (first.empty()) {
            if (st.mode == 2) return value_error("cannot switch from manual field specification to automatic field numbering");
            st.mode = 1;
            index = st.auto_index++;
        } else {
            if (st.mode == 1) return value_error("cannot switch from automatic field numbering to manual field specification");
            st.mode = 2;
            index = std::stoll(std::string(first));
        }
        if (index >= static_cast<int64_t>(st.args.size())) {
            return index_error("Replacement index " + std::to_string(index) + " out of range for positional args tuple");
        }
        obj = st.args[static_cast<size_t>(index)];
    } else {
        const Value* v = find_kwarg(st.kwargs, first);
        if (!v) return key_error(make_str(std::string(first)));
        obj = *v;
    }
    // .attr and [key] accessors.
    while (k < name.size()) {
        if (name[k] == '.') {
            size_t e = k + 1;
            while (e < name.size() && name[e] != '.' && name[e] != '[') ++e;
            std::string_view attr = name.substr(k + 1, e - k - 1);
            if (attr.empty()) return value_error("Empty attribute in format string");
            Outcome a = getattr(obj, attr);
            if (!a.ok()) return a;
            obj = a.value;
            k = e;
        } else if (name[k] == '[') {
            size_t e = name.find(']', k);
            if (e == std::string_view::npos) return value_error("Missing ']' in format string");
            std::string_view key = name.substr(k + 1, e - k - 1);
            if (key.empty()) return value_error("Empty attribute in format string");
            Value kv = is_digits(key) ? Value::integer(std::stoll(std::string(key))) : make_str(std::string(key));
            Outcome g = getitem(obj, kv);
            if (!g.ok()) return g;
            obj = g.value;
            k = e + 1;
            if (k < name.size() && name[k] != '.' && name[k] != '[') {
                return value_error("Only '.' or '[' may follow ']' in format field specifier");
            }
        } else {
            return value_error("Only '.' or '[' may follow ']' in format field specifier");
        }
    }
    if (conv) {
        Outcome c;
        if (conv == 'r') c = repr(obj);
        else if (conv == 's') c = str(obj);
        else if (conv == 'a') c = ascii(obj);
        else return value_error(std::string("Unknown conversion specifier ") + conv);
        if (!c.ok()) return c;
        obj = c.value;
    }
    Outcome s = expand_spec(spec, st, depth);
    if (!s.ok()) return s;
    return format(obj, *str_of(s.value));
}

}  // namespace

Outcome str_format_method(std::string_view fmt, Args args, Kwargs kwargs) {
    FormatState st{args, kwargs};
    std::string out;
    size_t i = 0;
    while (i < fmt.size()) {
        char c = fmt[i];
        if (c == '{') {
            if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
                out += '{';
                i += 2;
                continue;
            }
            // Find the matching close brace (nested braces belong to the spec).
            size_t j = i + 1;
            int level = 1;
            while (j < fmt.size()) {
                if (fmt[j] == '{') level++;
                else if (fmt[j] == '}' && --level == 0) break;
                ++j;
            }
            if (j >= fmt.size()) {
                if (i + 1 >= fmt.size()) return value_error("Single '{' encountered in format string");
                return value_error("expected '}' before end of string");
            }
            Outcome r = render_field(fmt.substr(i + 1, j - i - 1), st, 0);
            if (!r.ok()) return r;
            out += *str_of(r.value);
            i = j + 1;
        } else if (c == '}') {
            if (i + 1 < fmt.size() && fmt[i + 1] == '}') {
                out += '}';
                i += 2;
                continue;
            }
            return value_error("Single '}' encountered in format string");
        } else {
            out += c;
            ++i;
        }
    }
    return Outcome::ok(make_str(std::move(out)));
}

// ---- printf-style formatting ------------------------------------------------------------

namespace {

std::string pad_text(const std::string& s, int64_t width, bool left) {
    int64_t len = static_cast<int64_t>(utf8_length(s));
    if (width <= len) return s;
    std::string fill(static_cast<size_t>(width - len), ' ');
    return left ? s + fill : fill + s;
}

// A number's sign/prefix/digits laid out with the % flags.
std::string layout_percent(bool negative, const std::string& prefix, std::string digits, int64_t width,
                           bool left, bool zero, char sign_flag) {
    std::string sign = negative ? "-" : sign_flag == '+' ? "+" : sign_flag == ' ' ? " " : "";
    int64_t len = static_cast<int64_t>(sign.size() + prefix.size() + digits.size());
    if (width > len && zero && !left) digits.insert(0, static_cast<size_t>(width - len), '0');
    return pad_text(sign + prefix + digits, width, left);
}

}  // namespace

Outcome str_percent_format(std::string_view fmt, const Value& argv) {
    std::vector<Value> items;
    bool is_tuple = argv.is_obj() && argv.as_obj()->type()->layout() == Layout::Tuple;
    if (is_tuple) items = argv.obj_as<TupleObject>()->items;
    else items.push_back(argv);
    bool is_mapping = !is_tuple && argv.is_obj() &&
                      (argv.as_obj()->type()->layout() == Layout::Dict || !find_override(argv.as_obj()->type(), "__getitem__").is_null()) &&
                      !str_of(argv);
    size_t argi = 0;
    bool used_mapping = false;
    auto next_arg = [&](Value& out, Outcome& err) {
        if (argi >= items.size()) {
            err = type_error("not enough arguments for format string");
            return false;
        }
        out = items[argi++];
        return true;
    };
    std::string out;
    size_t i = 0;
    while (i < fmt.size()) {
        char c = fmt[i];
        if (c != '%') {
            out += c;
            ++i;
            continue;
        }
        size_t spec_start = i;
        ++i;
        if (i >= fmt.size()) return value_error("incomplete format");
        Value mapped;
        bool have_mapped = false;
        if (fmt[i] == '(') {
            if (!is_mapping) return type_error("format requires a mapping");
            int depth = 1;
            size_t j = i + 1;
            while (j < fmt.size() && depth > 0) {
                if (fmt[j] == '(') depth++;
                else if (fmt[j] == ')') depth--;
                ++j;
            }
            if (depth > 0) return value_error("incomplete format key");
            Outcome g = getitem(argv, make_str(std::string(fmt.substr(i + 1, j - i - 2))));
            if (!g.ok()) return g;
            mapped = g.value;
            have_mapped = true;
            used_mapping = true;
            i = j;
        }
        bool left = false, zero = false, alt = false;
        char sign_flag = 0;
        for (; i < fmt.size(); ++i) {
            char f = fmt[i];
            if (f == '-') left = true;
            else if (f == '+') sign_flag = '+';
            else if (f == ' ') { if (sign_flag != '+') sign_flag = ' '; }
            else if (f == '#') alt = true;
            else if (f == '0') zero = true;
            else break;
        }
        Outcome err;
        auto read_num = [&](int64_t& v) -> bool {
            if (i < fmt.size() && fmt[i] == '*') {
                ++i;
                Value a;
                if (!next_arg(a, err)) return false;
                if (!is_intlike(a)) { err = type_error("* wants int"); return false; }
                v = intlike(a);
                return true;
            }
            int64_t n = -1;
            while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9') {
                n = (n < 0 ? 0 : n) * 10 + (fmt[i] - '0');
                ++i;
            }
            v = n;
            return true;
        };
        int64_t width = -1, prec = -1;
        if (!read_num(width)) return err;
        if (width < -1) { left = true; width = -width; }
        if (i < fmt.size() && fmt[i] == '.') {
            ++i;
            if (!read_num(prec)) return err;
            if (prec < 0) prec = 0;
        }
        while (i < fmt.size() && (fmt[i] == 'h' || fmt[i] == 'l' || fmt[i] == 'L')) ++i;
        if (i >= fmt.size()) return value_error("incomplete format");
        char type = fmt[i++];
        if (type == '%') {
            out += '%';
            continue;
        }
        Value arg;
        if (have_mapped) arg = mapped;
        else if (!next_arg(arg, err)) return err;
        switch (type) {
            case 's': case 'r': case 'a': {
                Outcome s = type == 's' ? str(arg) : type == 'r' ? repr(arg) : ascii(arg);
                if (!s.ok()) return s;
                std::string text = *str_of(s.value);
                if (prec >= 0) {
                    std::u32string u = utf8_decode(text);
                    if (static_cast<int64_t>(u.size()) > prec) u.resize(static_cast<size_t>(prec));
                    text = utf8_encode(u);
                }
                out += pad_text(text, width, left);
                break;
            }
            case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
                int64_t v;
                bool decimal = type == 'd' || type == 'i' || type == 'u';
                if (is_intlike(arg)) v = intlike(arg);
                else if (arg.is_float() && decimal) {
                    Outcome t = to_int(arg);
                    if (!t.ok()) return t;
                    v = t.value.as_int();
                } else {
                    Outcome idx;
                    int64_t iv;
                    if (arg.is_obj() && !find_override(arg.as_obj()->type(), "__index__").is_null() && index_arg(arg, iv, idx)) {
                        v = iv;
                    } else if (decimal) {
                        return type_error(std::string("%") + type + " format: a real number is required, not " + type_name(arg));
                    } else {
                        return type_error(std::string("%") + type + " format: an integer is required, not " + type_name(arg));
                    }
                }
                uint64_t mag = v < 0 ? 0ULL - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
                char buf[80];
                const char* conv = type == 'x' ? "%llx" : type == 'X' ? "%llX" : type == 'o' ? "%llo" : "%llu";
                std::snprintf(buf, sizeof buf, conv, static_cast<unsigned long long>(mag));
                std::string digits = buf;
                if (prec >= 0 && static_cast<int64_t>(digits.size()) < prec) digits.insert(0, static_cast<size_t>(prec - static_cast<int64_t>(digits.size())), '0');
                std::string prefix;
                if (alt) prefix = type == 'x' ? "0x" : type == 'X' ? "0X" : type == 'o' ? "0o" : "";
                out += layout_percent(v < 0, prefix, digits, width, left, zero, sign_flag);
                break;
            }
            case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
                double d;
                if (!number_as_double(arg, d)) {
                    Outcome f;
                    if (arg.is_obj() && try_dunder(arg, "__float__", {}, f)) {
                        if (!f.ok()) return f;
                        d = f.value.as_float();
                    } else {
                        return type_error("must be real number, not " + type_name(arg));
                    }
                }
                if (prec < 0) prec = 6;
                char fmtbuf[16];
                std::snprintf(fmtbuf, sizeof fmtbuf, "%%%s.*%c", alt ? "#" : "", type);
                std::vector<char> buf(static_cast<size_t>(prec) + 400);
                std::snprintf(buf.data(), buf.size(), fmtbuf, static_cast<int>(prec), std::fabs(d));
                std::string digits = buf.data();
                bool nonfinite = !std::isfinite(d);
                out += layout_percent(std::signbit(d) && !std::isnan(d), "", digits, width, left, zero && !nonfinite, sign_flag);
                break;
            }
            case 'c': {
                std::string ch;
                if (const std::string* s = str_of(arg)) {
                    if (utf8_length(*s) != 1) return type_error("%c requires an int or a unicode character, not a string of length " + std::to_string(utf8_length(*s)));
                    ch = *s;
                } else if (is_intlike(arg)) {
                    int64_t v = intlike(arg);
                    if (v < 0 || v > 0x10FFFF) return overflow_error("%c arg not in range(0x110000)");
                    utf8_append(ch, static_cast<char32_t>(v));
                } else {
                    return type_error("%c requires an int or a unicode character, not " + type_name(arg));
                }
                out += pad_text(ch, width, left);
                break;
            }
            default: {
                char buf[96];
                std::snprintf(buf, sizeof buf, "unsupported format character '%c' (0x%x) at index %zu", type,
                              static_cast<unsigned>(static_cast<unsigned char>(type)), i - 1);
                (void)spec_start;
                return value_error(buf);
            }
        }
    }
    if (!used_mapping && !is_mapping && argi < items.size()) {
        return type_error("not all arguments converted during string formatting");
    }
    if (!used_mapping && is_mapping && argi == 0 && !items.empty() && !is_tuple) {
        // A dict argument that no %(name) used is fine ("%s" % {} consumed it, or none).
    }
    return Outcome::ok(make_str(std::move(out)));
}

}  // namespace tl
