// The methods of str (Objects/unicodeobject.c): searching and splitting work on the
// UTF-8 bytes (UTF-8 is self-synchronising, so byte matches are code-point matches) with
// positions converted to code points; case mapping and classification go through the
// C.UTF-8 locale's wide-character tables; padding follows CPython's pad() arithmetic.
#include <algorithm>
#include <clocale>
#include <cwctype>
#include <locale.h>

#include "daemon/object/ops_support.h"

namespace tl {

namespace {

const std::string& S(const Value& v) { return *str_of(v); }

locale_t utf8_locale() {
    static locale_t loc = [] {
        locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
        if (!l) l = newlocale(LC_CTYPE_MASK, "C", static_cast<locale_t>(nullptr));
        return l;
    }();
    return loc;
}

char32_t to_upper(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
    return static_cast<char32_t>(towupper_l(static_cast<wint_t>(c), utf8_locale()));
}
char32_t to_lower(char32_t c) {
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return static_cast<char32_t>(towlower_l(static_cast<wint_t>(c), utf8_locale()));
}
bool is_space(char32_t c) {
    // Py_UNICODE_ISSPACE
    if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    return c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}
bool is_alpha(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return iswalpha_l(static_cast<wint_t>(c), utf8_locale());
}
bool is_digit(char32_t c) {
    if (c < 0x80) return c >= '0' && c <= '9';
    return iswdigit_l(static_cast<wint_t>(c), utf8_locale());
}
bool is_upper(char32_t c) { return c < 0x80 ? (c >= 'A' && c <= 'Z') : iswupper_l(static_cast<wint_t>(c), utf8_locale()); }
bool is_lower(char32_t c) { return c < 0x80 ? (c >= 'a' && c <= 'z') : iswlower_l(static_cast<wint_t>(c), utf8_locale()); }
bool is_cased(char32_t c) { return is_upper(c) || is_lower(c) || to_upper(c) != c || to_lower(c) != c; }
bool is_linebreak(char32_t c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E || c == 0x85 ||
           c == 0x2028 || c == 0x2029;
}

Outcome ok_str(std::string s) { return Outcome::ok(make_str(std::move(s))); }

// Code-point index -> byte offset (clamped to the end).
size_t byte_offset(const std::string& s, int64_t cp) {
    if (cp <= 0) return 0;
    int64_t n = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (n == cp) return i;
            ++n;
        }
    }
    return s.size();
}
int64_t cp_index(const std::string& s, size_t byte) {
    return static_cast<int64_t>(utf8_length(std::string_view(s).substr(0, byte)));
}

// start/end arguments of find/count/startswith: code points -> byte range.
bool range_args(const std::string& s, Args args, size_t first, size_t& b, size_t& e, Outcome& err) {
    int64_t n = static_cast<int64_t>(utf8_length(s));
    int64_t start = 0, end = n;
    auto get = [&](size_t i, int64_t& out) {
        if (args.size() <= i || args[i].is_none()) return true;
        if (!index_arg(args[i], out, err)) {
            err = type_error("slice indices must be integers or None or have an __index__ method");
            return false;
        }
        return true;
    };
    if (!get(first, start) || !get(first + 1, end)) return false;
    if (start < 0) { start += n; if (start < 0) start = 0; }
    if (end < 0) { end += n; if (end < 0) end = 0; }
    if (end > n) end = n;
    if (start > n) { b = s.size() + 1; e = s.size(); return true; }  // empty, even for ''
    b = byte_offset(s, start);
    e = end < start ? b : byte_offset(s, end);
    return true;
}

bool str_arg(const Value& v, const char* fn, int argno, std::string& out, Outcome& err) {
    if (const std::string* s = str_of(v)) { out = *s; return true; }
    err = type_error(std::string(fn) + "() argument " + std::to_string(argno) + " must be str, not " + type_name(v));
    return false;
}

Outcome find_impl(const Value& self, Args args, const char* name, bool reverse, bool raise) {
    Outcome err;
    if (!check_arity(name, args, 1, 3, err)) return err;
    const std::string& s = S(self);
    const std::string* sub = str_of(args[0]);
    if (!sub) return type_error("must be str, not " + type_name(args[0]));
    size_t b, e;
    if (!range_args(s, args, 1, b, e, err)) return err;
    size_t pos = std::string::npos;
    if (b <= e && e - b >= sub->size()) {
        std::string_view hay = std::string_view(s).substr(b, e - b);
        pos = reverse ? hay.rfind(*sub) : hay.find(*sub);
        if (pos != std::string::npos) pos += b;
    }
    if (pos == std::string::npos) {
        if (raise) return value_error("substring not found");
        return Outcome::ok(Value::integer(-1));
    }
    return Outcome::ok(Value::integer(cp_index(s, pos)));
}

Outcome m_find(const Value& self, Args args, Kwargs) { return find_impl(self, args, "find", false, false); }
Outcome m_rfind(const Value& self, Args args, Kwargs) { return find_impl(self, args, "rfind", true, false); }
Outcome m_index(const Value& self, Args args, Kwargs) { return find_impl(self, args, "index", false, true); }
Outcome m_rindex(const Value& self, Args args, Kwargs) { return find_impl(self, args, "rindex", true, true); }

Outcome m_count(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("count", args, 1, 3, err)) return err;
    const std::string& s = S(self);
    const std::string* sub = str_of(args[0]);
    if (!sub) return type_error("must be str, not " + type_name(args[0]));
    size_t b, e;
    if (!range_args(s, args, 1, b, e, err)) return err;
    if (b > e) return Outcome::ok(Value::integer(0));
    std::string_view hay = std::string_view(s).substr(b, e - b);
    if (sub->empty()) return Outcome::ok(Value::integer(static_cast<int64_t>(utf8_length(hay)) + 1));
    int64_t c = 0;
    for (size_t p = hay.find(*sub); p != std::string::npos; p = hay.find(*sub, p + sub->size())) ++c;
    return Outcome::ok(Value::integer(c));
}

Outcome affix_impl(const Value& self, Args args, const char* name, bool suffix) {
    Outcome err;
    if (!check_arity(name, args, 1, 3, err)) return err;
    const std::string& s = S(self);
    size_t b, e;
    if (!range_args(s, args, 1, b, e, err)) return err;
    std::vector<Value> cands;
    if (str_of(args[0])) cands.push_back(args[0]);
    else if (args[0].is_obj() && args[0].as_obj()->type()->layout() == Layout::Tuple) {
        cands = args[0].obj_as<TupleObject>()->items;
        for (auto& c : cands)
            if (!str_of(c)) return type_error("tuple for " + std::string(name) + " must only contain str, not " + type_name(c));
    } else {
        return type_error(std::string(name) + " first arg must be str or a tuple of str, not " + type_name(args[0]));
    }
    if (b > s.size()) return Outcome::ok(Value::boolean(false));
    std::string_view hay = std::string_view(s).substr(b, e >= b ? e - b : 0);
    for (auto& c : cands) {
        const std::string& x = *str_of(c);
        if (x.size() > hay.size()) continue;
        if (suffix ? hay.substr(hay.size() - x.size()) == x : hay.substr(0, x.size()) == x)
            return Outcome::ok(Value::boolean(true));
    }
    return Outcome::ok(Value::boolean(false));
}
Outcome m_startswith(const Value& self, Args args, Kwargs) { return affix_impl(self, args, "startswith", false); }
Outcome m_endswith(const Value& self, Args args, Kwargs) { return affix_impl(self, args, "endswith", true); }

Outcome m_join(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("str.join", args, 1, 1, err)) return err;
    std::vector<Value> items;
    Outcome c = collect(args[0], items);
    if (!c.ok()) {
        if (c.exc->is_instance(exc_types().TypeError)) return type_error("can only join an iterable");
        return c;
    }
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        const std::string* p = str_of(items[i]);
        if (!p) {
            return type_error("sequence item " + std::to_string(i) + ": expected str instance, " + type_name(items[i]) + " found");
        }
        if (i) out += S(self);
        out += *p;
    }
    return ok_str(std::move(out));
}

bool maxsplit_arg(Args args, Kwargs kwargs, size_t pos, int64_t& maxsplit, Outcome& err) {
    maxsplit = -1;
    const Value* v = args.size() > pos ? &args[pos] : find_kwarg(kwargs, "maxsplit");
    if (!v) return true;
    return index_arg(*v, maxsplit, err);
}

bool sep_arg(Args args, Kwargs kwargs, const std::string*& sep, Outcome& err) {
    sep = nullptr;
    const Value* v = !args.empty() ? &args[0] : find_kwarg(kwargs, "sep");
    if (!v || v->is_none()) return true;
    sep = str_of(*v);
    if (!sep) { err = type_error("must be str or None, not " + type_name(*v)); return false; }
    if (sep->empty()) { err = value_error("empty separator"); return false; }
    return true;
}

Outcome split_impl(const Value& self, Args args, Kwargs kwargs, const char* name, bool right) {
    Outcome err;
    if (!check_arity(name, args, 0, 2, err) || !check_kwargs(name, kwargs, {"sep", "maxsplit"}, err)) return err;
    const std::string* sep;
    int64_t maxsplit;
    if (!sep_arg(args, kwargs, sep, err) || !maxsplit_arg(args, kwargs, 1, maxsplit, err)) return err;
    const std::string& s = S(self);
    std::vector<Value> out;
    if (sep) {
        if (!right) {
            size_t start = 0;
            while (maxsplit != 0) {
                size_t p = s.find(*sep, start);
                if (p == std::string::npos) break;
                out.push_back(make_str(s.substr(start, p - start)));
                start = p + sep->size();
                if (maxsplit > 0) --maxsplit;
            }
            out.push_back(make_str(s.substr(start)));
        } else {
            size_t end = s.size();
            while (maxsplit != 0 && end >= sep->size()) {
                size_t p = s.rfind(*sep, end - sep->size());
                if (p == std::string::npos) break;
                out.push_back(make_str(s.substr(p + sep->size(), end - p - sep->size())));
                end = p;
                if (maxsplit > 0) --maxsplit;
            }
            out.push_back(make_str(s.substr(0, end)));
            std::reverse(out.begin(), out.end());
        }
        return Outcome::ok(make_list(std::move(out)));
    }
    std::u32string u = utf8_decode(s);
    int64_t n = static_cast<int64_t>(u.size());
    if (!right) {
        int64_t i = 0;
        while (true) {
            while (i < n && is_space(u[static_cast<size_t>(i)])) ++i;
            if (i >= n) break;
            if (maxsplit == 0) {
                // The unsplit remainder keeps its trailing whitespace.
                out.push_back(make_str(utf8_encode(u.substr(static_cast<size_t>(i)))));
                break;
            }
            int64_t j = i;
            while (j < n && !is_space(u[static_cast<size_t>(j)])) ++j;
            out.push_back(make_str(utf8_encode(u.substr(static_cast<size_t>(i), static_cast<size_t>(j - i)))));
            if (maxsplit > 0) --maxsplit;
            i = j;
        }
    } else {
        int64_t i = n;
        while (true) {
            while (i > 0 && is_space(u[static_cast<size_t>(i - 1)])) --i;
            if (i <= 0) break;
            if (maxsplit == 0) {
                out.push_back(make_str(utf8_encode(u.substr(0, static_cast<size_t>(i)))));
                break;
            }
            int64_t j = i;
            while (j > 0 && !is_space(u[static_cast<size_t>(j - 1)])) --j;
            out.push_back(make_str(utf8_encode(u.substr(static_cast<size_t>(j), static_cast<size_t>(i - j)))));
            if (maxsplit > 0) --maxsplit;
            i = j;
        }
        std::reverse(out.begin(), out.end());
    }
    return Outcome::ok(make_list(std::move(out)));
}
Outcome m_split(const Value& self, Args args, Kwargs kw) { return split_impl(self, args, kw, "split", false); }
Outcome m_rsplit(const Value& self, Args args, Kwargs kw) { return split_impl(self, args, kw, "rsplit", true); }

Outcome strip_impl(const Value& self, Args args, const char* name, bool left, bool right) {
    Outcome err;
    if (!check_arity(name, args, 0, 1, err)) return err;
    std::u32string u = utf8_decode(S(self));
    std::u32string chars;
    bool ws = args.empty() || args[0].is_none();
    if (!ws) {
        if (!str_of(args[0])) return type_error(std::string(name) + " arg must be None or str");
        chars = utf8_decode(*str_of(args[0]));
    }
    auto strip_this = [&](char32_t c) { return ws ? is_space(c) : chars.find(c) != std::u32string::npos; };
    size_t b = 0, e = u.size();
    if (left) while (b < e && strip_this(u[b])) ++b;
    if (right) while (e > b && strip_this(u[e - 1])) --e;
    return ok_str(utf8_encode(u.substr(b, e - b)));
}
Outcome m_strip(const Value& self, Args args, Kwargs) { return strip_impl(self, args, "strip", true, true); }
Outcome m_lstrip(const Value& self, Args args, Kwargs) { return strip_impl(self, args, "lstrip", true, false); }
Outcome m_rstrip(const Value& self, Args args, Kwargs) { return strip_impl(self, args, "rstrip", false, true); }

Outcome m_replace(const Value& self, Args args, Kwargs kwargs) {
    Outcome err;
    if (!check_arity("replace", args, 2, 3, err)) return err;
    std::string old_s, new_s;
    if (!str_arg(args[0], "replace", 1, old_s, err) || !str_arg(args[1], "replace", 2, new_s, err)) return err;
    int64_t count = -1;
    const Value* cv = args.size() > 2 ? &args[2] : find_kwarg(kwargs, "count");
    if (cv && !index_arg(*cv, count, err)) return err;
    const std::string& s = S(self);
    std::string out;
    if (old_s.empty()) {
        std::u32string u = utf8_decode(s);
        int64_t done = 0;
        for (size_t i = 0; i <= u.size(); ++i) {
            if (count < 0 || done < count) { out += new_s; ++done; }
            if (i < u.size()) utf8_append(out, u[i]);
        }
        return ok_str(std::move(out));
    }
    size_t start = 0;
    int64_t done = 0;
    while (count < 0 || done < count) {
        size_t p = s.find(old_s, start);
        if (p == std::string::npos) break;
        out.append(s, start, p - start);
        out += new_s;
        start = p + old_s.size();
        ++done;
    }
    out.append(s, start, std::string::npos);
    return ok_str(std::move(out));
}

template <char32_t (*F)(char32_t)>
Outcome map_chars(const Value& self, Args args, const char* name) {
    Outcome err;
    if (!check_arity(name, args, 0, 0, err)) return err;
    std::string out;
    for (char32_t c : utf8_decode(S(self))) utf8_append(out, F(c));
    return ok_str(std::move(out));
}
Outcome m_upper(const Value& self, Args args, Kwargs) { return map_chars<to_upper>(self, args, "upper"); }
Outcome m_lower(const Value& self, Args args, Kwargs) { return map_chars<to_lower>(self, args, "lower"); }
Outcome m_casefold(const Value& self, Args args, Kwargs) { return map_chars<to_lower>(self, args, "casefold"); }
char32_t swap_case(char32_t c) { return is_upper(c) ? to_lower(c) : is_lower(c) ? to_upper(c) : c; }
Outcome m_swapcase(const Value& self, Args args, Kwargs) { return map_chars<swap_case>(self, args, "swapcase"); }

Outcome m_title(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("title", args, 0, 0, err)) return err;
    std::string out;
    bool prev_cased = false;
    for (char32_t c : utf8_decode(S(self))) {
        utf8_append(out, prev_cased ? to_lower(c) : to_upper(c));
        prev_cased = is_cased(c);
    }
    return ok_str(std::move(out));
}

Outcome m_capitalize(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("capitalize", args, 0, 0, err)) return err;
    std::string out;
    bool first = true;
    for (char32_t c : utf8_decode(S(self))) {
        utf8_append(out, first ? to_upper(c) : to_lower(c));
        first = false;
    }
    return ok_str(std::move(out));
}

template <bool (*P)(char32_t)>
Outcome classify(const Value& self, Args args, const char* name) {
    Outcome err;
    if (!check_arity(name, args, 0, 0, err)) return err;
    std::u32string u = utf8_decode(S(self));
    if (u.empty()) return Outcome::ok(Value::boolean(false));
    for (char32_t c : u)
        if (!P(c)) return Outcome::ok(Value::boolean(false));
    return Outcome::ok(Value::boolean(true));
}
bool is_alnum(char32_t c) { return is_alpha(c) || is_digit(c); }
bool is_printable(char32_t c) {
    if (c < 0x80) return c >= 0x20 && c != 0x7F;
    return str_repr_text(utf8_encode(std::u32string(1, c))).size() <= 6;  // unescaped in repr
}
Outcome m_isdigit(const Value& self, Args args, Kwargs) { return classify<is_digit>(self, args, "isdigit"); }
Outcome m_isdecimal(const Value& self, Args args, Kwargs) { return classify<is_digit>(self, args, "isdecimal"); }
Outcome m_isnumeric(const Value& self, Args args, Kwargs) { return classify<is_digit>(self, args, "isnumeric"); }
Outcome m_isalpha(const Value& self, Args args, Kwargs) { return classify<is_alpha>(self, args, "isalpha"); }
Outcome m_isalnum(const Value& self, Args args, Kwargs) { return classify<is_alnum>(self, args, "isalnum"); }
Outcome m_isspace(const Value& self, Args args, Kwargs) { return classify<is_space>(self, args, "isspace"); }
Outcome m_isascii(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("isascii", args, 0, 0, err)) return err;
    return Outcome::ok(Value::boolean(utf8_is_ascii(S(self))));
}
Outcome m_isprintable(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("isprintable", args, 0, 0, err)) return err;
    for (char32_t c : utf8_decode(S(self)))
        if (!is_printable(c)) return Outcome::ok(Value::boolean(false));
    return Outcome::ok(Value::boolean(true));
}

Outcome case_test(const Value& self, Args args, const char* name, bool want_upper) {
    Outcome err;
    if (!check_arity(name, args, 0, 0, err)) return err;
    bool cased = false;
    for (char32_t c : utf8_decode(S(self))) {
        if (want_upper ? is_lower(c) : is_upper(c)) return Outcome::ok(Value::boolean(false));
        if (want_upper ? is_upper(c) : is_lower(c)) cased = true;
    }
    return Outcome::ok(Value::boolean(cased));
}
Outcome m_isupper(const Value& self, Args args, Kwargs) { return case_test(self, args, "isupper", true); }
Outcome m_islower(const Value& self, Args args, Kwargs) { return case_test(self, args, "islower", false); }

Outcome m_istitle(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("istitle", args, 0, 0, err)) return err;
    bool cased = false, prev_cased = false;
    for (char32_t c : utf8_decode(S(self))) {
        if (is_upper(c)) {
            if (prev_cased) return Outcome::ok(Value::boolean(false));
            prev_cased = cased = true;
        } else if (is_lower(c)) {
            if (!prev_cased) return Outcome::ok(Value::boolean(false));
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
    }
    return Outcome::ok(Value::boolean(cased));
}

Outcome m_isidentifier(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("isidentifier", args, 0, 0, err)) return err;
    std::u32string u = utf8_decode(S(self));
    if (u.empty()) return Outcome::ok(Value::boolean(false));
    for (size_t i = 0; i < u.size(); ++i) {
        char32_t c = u[i];
        bool ok = c == '_' || is_alpha(c) || (i > 0 && is_digit(c));
        if (!ok) return Outcome::ok(Value::boolean(false));
    }
    return Outcome::ok(Value::boolean(true));
}

// pad() of unicodeobject.c
bool pad_args(Args args, const char* name, int64_t& width, char32_t& fill, Outcome& err) {
    if (!check_arity(name, args, 1, 2, err)) return false;
    if (!index_arg(args[0], width, err)) return false;
    fill = U' ';
    if (args.size() > 1) {
        const std::string* f = str_of(args[1]);
        if (!f) {
            err = type_error(std::string(name) + "() argument 2 must be a unicode character, not " + type_name(args[1]));
            return false;
        }
        std::u32string u = utf8_decode(*f);
        if (u.size() != 1) {
            err = type_error("The fill character must be exactly one character long");
            return false;
        }
        fill = u[0];
    }
    return true;
}

std::string repeat_char(char32_t c, int64_t n) {
    std::string out;
    for (int64_t i = 0; i < n; ++i) utf8_append(out, c);
    return out;
}

Outcome justify(const Value& self, Args args, const char* name, int mode) {
    int64_t width;
    char32_t fill;
    Outcome err;
    if (!pad_args(args, name, width, fill, err)) return err;
    const std::string& s = S(self);
    int64_t len = static_cast<int64_t>(utf8_length(s));
    if (len >= width) return Outcome::ok(self);
    int64_t marg = width - len;
    int64_t left = mode == 0 ? 0 : mode == 1 ? marg : marg / 2 + (marg & width & 1);
    return ok_str(repeat_char(fill, left) + s + repeat_char(fill, marg - left));
}
Outcome m_ljust(const Value& self, Args args, Kwargs) { return justify(self, args, "ljust", 0); }
Outcome m_rjust(const Value& self, Args args, Kwargs) { return justify(self, args, "rjust", 1); }
Outcome m_center(const Value& self, Args args, Kwargs) { return justify(self, args, "center", 2); }

Outcome m_zfill(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("zfill", args, 1, 1, err)) return err;
    int64_t width;
    if (!index_arg(args[0], width, err)) return err;
    const std::string& s = S(self);
    int64_t len = static_cast<int64_t>(utf8_length(s));
    if (len >= width) return Outcome::ok(self);
    std::string zeros(static_cast<size_t>(width - len), '0');
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) return ok_str(s.substr(0, 1) + zeros + s.substr(1));
    return ok_str(zeros + s);
}

Outcome partition_impl(const Value& self, Args args, const char* name, bool right) {
    Outcome err;
    if (!check_arity(name, args, 1, 1, err)) return err;
    const std::string* sep = str_of(args[0]);
    if (!sep) return type_error("must be str, not " + type_name(args[0]));
    if (sep->empty()) return value_error("empty separator");
    const std::string& s = S(self);
    size_t p = right ? s.rfind(*sep) : s.find(*sep);
    if (p == std::string::npos) {
        if (right) return Outcome::ok(make_tuple({make_str(""), make_str(""), self}));
        return Outcome::ok(make_tuple({self, make_str(""), make_str("")}));
    }
    return Outcome::ok(make_tuple({make_str(s.substr(0, p)), args[0], make_str(s.substr(p + sep->size()))}));
}
Outcome m_partition(const Value& self, Args args, Kwargs) { return partition_impl(self, args, "partition", false); }
Outcome m_rpartition(const Value& self, Args args, Kwargs) { return partition_impl(self, args, "rpartition", true); }

Outcome m_splitlines(const Value& self, Args args, Kwargs kwargs) {
    Outcome err;
    if (!check_arity("splitlines", args, 0, 1, err)) return err;
    bool keepends = false;
    const Value* k = !args.empty() ? &args[0] : find_kwarg(kwargs, "keepends");
    if (k) {
        Outcome t = truthy(*k);
        if (!t.ok()) return t;
        keepends = t.value.as_bool();
    }
    std::u32string u = utf8_decode(S(self));
    std::vector<Value> out;
    size_t i = 0;
    while (i < u.size()) {
        size_t j = i;
        while (j < u.size() && !is_linebreak(u[j])) ++j;
        size_t eol = j;
        if (j < u.size()) {
            if (u[j] == '\r' && j + 1 < u.size() && u[j + 1] == '\n') j += 2;
            else ++j;
            if (keepends) eol = j;
        }
        out.push_back(make_str(utf8_encode(u.substr(i, eol - i))));
        i = j;
    }
    return Outcome::ok(make_list(std::move(out)));
}

Outcome m_removeprefix(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("removeprefix", args, 1, 1, err)) return err;
    std::string p;
    if (!str_arg(args[0], "removeprefix", 1, p, err)) return err;
    const std::string& s = S(self);
    if (s.compare(0, p.size(), p) == 0 && s.size() >= p.size()) return ok_str(s.substr(p.size()));
    return Outcome::ok(self);
}

Outcome m_removesuffix(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("removesuffix", args, 1, 1, err)) return err;
    std::string p;
    if (!str_arg(args[0], "removesuffix", 1, p, err)) return err;
    const std::string& s = S(self);
    if (!p.empty() && s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0)
        return ok_str(s.substr(0, s.size() - p.size()));
    return Outcome::ok(self);
}

Outcome m_expandtabs(const Value& self, Args args, Kwargs kwargs) {
    Outcome err;
    int64_t tab = 8;
    const Value* t = !args.empty() ? &args[0] : find_kwarg(kwargs, "tabsize");
    if (t && !index_arg(*t, tab, err)) return err;
    std::string out;
    int64_t col = 0;
    for (char32_t c : utf8_decode(S(self))) {
        if (c == '\t') {
            if (tab > 0) {
                int64_t n = tab - col % tab;
                out.append(static_cast<size_t>(n), ' ');
                col += n;
            }
        } else {
            utf8_append(out, c);
            col = (c == '\n' || c == '\r') ? 0 : col + 1;
        }
    }
    return ok_str(std::move(out));
}

Outcome m_format(const Value& self, Args args, Kwargs kwargs) { return str_format_method(S(self), args, kwargs); }

Outcome m_format_map(const Value& self, Args args, Kwargs) {
    Outcome err;
    if (!check_arity("format_map", args, 1, 1, err)) return err;
    std::vector<KwArg> kws;
    auto items = dict_items(args[0]);
    for (auto& [k, v] : items)
        if (const std::string* ks = str_of(k)) kws.push_back(KwArg{*ks, v});
    return str_format_method(S(self), {}, kws);
}

Outcome m_encode(const Value& self, Args, Kwargs) {
    (void)self;
    return raise(exc_types().NotImplementedError, "str.encode: bytes are not supported by tasklens");
}

}  // namespace

void install_str_methods() {
    Type* t = str_type();
    add_method<m_find>(t, "find");
    add_method<m_rfind>(t, "rfind");
    add_method<m_index>(t, "index");
    add_method<m_rindex>(t, "rindex");
    add_method<m_count>(t, "count");
    add_method<m_startswith>(t, "startswith");
    add_method<m_endswith>(t, "endswith");
    add_method<m_join>(t, "join");
    add_method<m_split>(t, "split");
    add_method<m_rsplit>(t, "rsplit");
    add_method<m_strip>(t, "strip");
    add_method<m_lstrip>(t, "lstrip");
    add_method<m_rstrip>(t, "rstrip");
    add_method<m_replace>(t, "replace");
    add_method<m_upper>(t, "upper");
    add_method<m_lower>(t, "lower");
    add_method<m_casefold>(t, "casefold");
    add_method<m_swapcase>(t, "swapcase");
    add_method<m_title>(t, "title");
    add_method<m_capitalize>(t, "capitalize");
    add_method<m_isdigit>(t, "isdigit");
    add_method<m_isdecimal>(t, "isdecimal");
    add_method<m_isnumeric>(t, "isnumeric");
    add_method<m_isalpha>(t, "isalpha");
    add_method<m_isalnum>(t, "isalnum");
    add_method<m_isspace>(t, "isspace");
    add_method<m_isascii>(t, "isascii");
    add_method<m_isprintable>(t, "isprintable");
    add_method<m_isupper>(t, "isupper");
    add_method<m_islower>(t, "islower");
    add_method<m_istitle>(t, "istitle");
    add_method<m_isidentifier>(t, "isidentifier");
    add_method<m_ljust>(t, "ljust");
    add_method<m_rjust>(t, "rjust");
    add_method<m_center>(t, "center");
    add_method<m_zfill>(t, "zfill");
    add_method<m_partition>(t, "partition");
    add_method<m_rpartition>(t, "rpartition");
    add_method<m_splitlines>(t, "splitlines");
    add_method<m_removeprefix>(t, "removeprefix");
    add_method<m_removesuffix>(t, "removesuffix");
    add_method<m_expandtabs>(t, "expandtabs");
    add_method<m_format>(t, "format");
    add_method<m_format_map>(t, "format_map");
    add_method<m_encode>(t, "encode");
}

}  // namespace tl
