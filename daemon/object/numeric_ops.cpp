// int, bool and float arithmetic with CPython's semantics (Objects/longobject.c,
// Objects/floatobject.c): floor division and modulo rounding toward -inf, true division
// to float, float_pow's special cases, banker's rounding in round(); ints are int64 and
// overflow raises OverflowError instead of growing. Also int()/float() from strings.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "daemon/object/ops_support.h"

namespace tl {

namespace {

const char* op_symbol(BinaryOp op) {
    switch (op) {
        case BinaryOp::Add: return "+";
        case BinaryOp::Sub: return "-";
        case BinaryOp::Mul: return "*";
        case BinaryOp::MatMul: return "@";
        case BinaryOp::TrueDiv: return "/";
        case BinaryOp::FloorDiv: return "//";
        case BinaryOp::Mod: return "%";
        case BinaryOp::Pow: return "** or pow()";
        case BinaryOp::LShift: return "<<";
        case BinaryOp::RShift: return ">>";
        case BinaryOp::And: return "&";
        case BinaryOp::Or: return "|";
        case BinaryOp::Xor: return "^";
    }
    return "?";
}

bool is_odd_integer(double x) { return std::fmod(std::fabs(x), 2.0) == 1.0; }

Outcome float_pow(double iv, double iw) {
    // float_pow (Objects/floatobject.c): special cases before the platform pow().
    if (iw == 0) return Outcome::ok(Value::floating(1.0));
    if (std::isnan(iv)) return Outcome::ok(Value::floating(iv));
    if (std::isnan(iw)) return Outcome::ok(Value::floating(iv == 1.0 ? 1.0 : iw));
    if (std::isinf(iw)) {
        iv = std::fabs(iv);
        if (iv == 1.0) return Outcome::ok(Value::floating(1.0));
        if ((iw > 0.0) == (iv > 1.0)) return Outcome::ok(Value::floating(std::fabs(iw)));
        return Outcome::ok(Value::floating(0.0));
    }
    if (std::isinf(iv)) {
        bool odd = is_odd_integer(iw);
        if (iw > 0.0) return Outcome::ok(Value::floating(odd ? iv : std::fabs(iv)));
        return Outcome::ok(Value::floating(odd ? std::copysign(0.0, iv) : 0.0));
    }
    if (iv == 0.0) {
        bool odd = is_odd_integer(iw);
        if (iw < 0.0) return zero_division("0.0 cannot be raised to a negative power");
        return Outcome::ok(Value::floating(odd ? iv : 0.0));
    }
    bool negate = false;
    if (iv < 0.0) {
        if (iw != std::floor(iw)) {
            return value_error("complex numbers are not supported by tasklens");
        }
        iv = -iv;
        negate = is_odd_integer(iw);
    }
    if (iv == 1.0) return Outcome::ok(Value::floating(negate ? -1.0 : 1.0));
    errno = 0;
    double ix = std::pow(iv, iw);
    if (std::isinf(ix)) errno = ERANGE;
    else if (ix == 0.0 && errno == ERANGE) errno = 0;  // _Py_ADJUST_ERANGE1: underflow is fine
    if (negate) ix = -ix;
    if (errno != 0) return overflow_error("(34, 'Numerical result out of range')");
    return Outcome::ok(Value::floating(ix));
}

Outcome int_pow(int64_t base, int64_t exp) {
    if (exp < 0) {
        if (base == 0) return zero_division("0.0 cannot be raised to a negative power");
        return float_pow(static_cast<double>(base), static_cast<double>(exp));
    }
    int64_t result = 1;
    int64_t b = base;
    while (exp > 0) {
        if (exp & 1) {
            if (__builtin_mul_overflow(result, b, &result)) return int_overflow();
        }
        exp >>= 1;
        if (exp > 0 && __builtin_mul_overflow(b, b, &b)) return int_overflow();
    }
    return Outcome::ok(Value::integer(result));
}

Outcome int_binary(BinaryOp op, int64_t a, int64_t b, bool both_bool) {
    int64_t r;
    switch (op) {
        case BinaryOp::Add:
            if (__builtin_add_overflow(a, b, &r)) return int_overflow();
            return Outcome::ok(Value::integer(r));
        case BinaryOp::Sub:
            if (__builtin_sub_overflow(a, b, &r)) return int_overflow();
            return Outcome::ok(Value::integer(r));
        case BinaryOp::Mul:
            if (__builtin_mul_overflow(a, b, &r)) return int_overflow();
            return Outcome::ok(Value::integer(r));
        case BinaryOp::TrueDiv:
            if (b == 0) return zero_division("division by zero");
            // Exact operands (|x| <= 2**53) divide with one correct rounding, as
            // long_true_divide's fast path; larger ones go through long double.
            if (std::llabs(a) <= (1LL << 53) && std::llabs(b) <= (1LL << 53))
                return Outcome::ok(Value::floating(static_cast<double>(a) / static_cast<double>(b)));
            return Outcome::ok(Value::floating(static_cast<double>(static_cast<long double>(a) / static_cast<long double>(b))));
        case BinaryOp::FloorDiv: {
            if (b == 0) return zero_division("integer division or modulo by zero");
            if (a == INT64_MIN && b == -1) return int_overflow();
            int64_t q = a / b;
            if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
            return Outcome::ok(Value::integer(q));
        }
        case BinaryOp::Mod: {
            if (b == 0) return zero_division("integer modulo by zero");
            if (b == -1) return Outcome::ok(Value::integer(0));
            int64_t m = a % b;
            if (m != 0 && ((m < 0) != (b < 0))) m += b;
            return Outcome::ok(Value::integer(m));
        }
        case BinaryOp::Pow: return int_pow(a, b);
        case BinaryOp::LShift: {
            if (b < 0) return value_error("negative shift count");
            if (a == 0) return Outcome::ok(Value::integer(0));
            if (b >= 63) return int_overflow();
            int64_t shifted = static_cast<int64_t>(static_cast<uint64_t>(a) << b);
            if ((shifted >> b) != a) return int_overflow();
            return Outcome::ok(Value::integer(shifted));
        }
        case BinaryOp::RShift:
            if (b < 0) return value_error("negative shift count");
            if (b >= 64) return Outcome::ok(Value::integer(a < 0 ? -1 : 0));
            return Outcome::ok(Value::integer(a >> b));
        case BinaryOp::And:
            return Outcome::ok(both_bool ? Value::boolean(a & b) : Value::integer(a & b));
        case BinaryOp::Or:
            return Outcome::ok(both_bool ? Value::boolean(a | b) : Value::integer(a | b));
        case BinaryOp::Xor:
            return Outcome::ok(both_bool ? Value::boolean(a ^ b) : Value::integer(a ^ b));
        case BinaryOp::MatMul: break;
    }
    return Outcome::ok(not_implemented());
}

Outcome float_binary(BinaryOp op, double a, double b) {
    switch (op) {
        case BinaryOp::Add: return Outcome::ok(Value::floating(a + b));
        case BinaryOp::Sub: return Outcome::ok(Value::floating(a - b));
        case BinaryOp::Mul: return Outcome::ok(Value::floating(a * b));
        case BinaryOp::TrueDiv:
            if (b == 0.0) return zero_division("float division by zero");
            return Outcome::ok(Value::floating(a / b));
        case BinaryOp::FloorDiv:
        case BinaryOp::Mod: {
            if (b == 0.0) {
                return zero_division(op == BinaryOp::Mod ? "float modulo by zero" : "float floor division by zero");
            }
            // float_divmod (Objects/floatobject.c)
            double mod = std::fmod(a, b);
            double div = (a - mod) / b;
            if (mod != 0.0) {
                if ((b < 0) != (mod < 0)) {
                    mod += b;
                    div -= 1.0;
                }
            } else {
                mod = std::copysign(0.0, b);
            }
            double floordiv;
            if (div != 0.0) {
                floordiv = std::floor(div);
                if (div - floordiv > 0.5) floordiv += 1.0;
            } else {
                floordiv = std::copysign(0.0, a / b);
            }
            return Outcome::ok(Value::floating(op == BinaryOp::Mod ? mod : floordiv));
        }
        case BinaryOp::Pow: return float_pow(a, b);
        default: break;
    }
    return Outcome::ok(not_implemented());
}

}  // namespace

std::string binary_op_symbol(BinaryOp op) { return op_symbol(op); }

Outcome number_binary(BinaryOp op, const Value& a, const Value& b) {
    bool ai = is_intlike(a), bi = is_intlike(b);
    if (ai && bi) return int_binary(op, intlike(a), intlike(b), a.is_bool() && b.is_bool());
    double x, y;
    if ((a.is_float() || ai) && (b.is_float() || bi) && number_as_double(a, x) && number_as_double(b, y))
        return float_binary(op, x, y);
    return Outcome::ok(not_implemented());
}

// ---- round() ---------------------------------------------------------------------

Outcome float_round(double x, const Value* ndigits) {
    if (!ndigits || ndigits->is_none()) {
        // float___round___impl without ndigits: round half to even, then int().
        double rounded = std::round(x);
        if (std::fabs(x - rounded) == 0.5) rounded = 2.0 * std::round(x / 2.0);
        if (std::isnan(rounded)) return value_error("cannot convert float NaN to integer");
        if (std::isinf(rounded)) return overflow_error("cannot convert float infinity to integer");
        if (rounded >= 9223372036854775808.0 || rounded < -9223372036854775808.0) return int_overflow();
        return Outcome::ok(Value::integer(static_cast<int64_t>(rounded)));
    }
    int64_t nd;
    Outcome err;
    if (!index_arg(*ndigits, nd, err)) return err;
    if (!std::isfinite(x) || x == 0.0) return Outcome::ok(Value::floating(x));
    // double_round: correctly rounded to nd decimal places, ties to even on the exact
    // binary value (as _Py_dg_dtoa mode 3). glibc's printf prints the exact expansion.
    if (nd > 323) return Outcome::ok(Value::floating(x));
    if (nd < -308) return Outcome::ok(Value::floating(0.0 * x));
    char buf[1500];
    std::snprintf(buf, sizeof buf, "%.1100f", std::fabs(x));
    std::string digits(buf);
    size_t dot = digits.find('.');
    std::string intpart = digits.substr(0, dot);
    std::string frac = digits.substr(dot + 1);
    std::string all = intpart + frac;                                    // decimal digits
    int64_t point = static_cast<int64_t>(intpart.size());                // digits before the point
    int64_t keep = point + nd;                                           // digits to keep
    std::string kept;
    bool round_up = false;
    if (keep < 0) {
        kept = "";
        round_up = false;
    } else {
        kept = all.substr(0, static_cast<size_t>(std::min<int64_t>(keep, static_cast<int64_t>(all.size()))));
        if (keep < static_cast<int64_t>(all.size())) {
            char first = all[static_cast<size_t>(keep)];
            bool rest_nonzero = all.find_first_not_of('0', static_cast<size_t>(keep) + 1) != std::string::npos;
            if (first > '5' || (first == '5' && rest_nonzero)) round_up = true;
            else if (first == '5' && !rest_nonzero) {
                int last = kept.empty() ? 0 : kept.back() - '0';
                round_up = (last % 2) == 1;
            }
        }
    }
    if (round_up) {
        int64_t i = static_cast<int64_t>(kept.size()) - 1;
        while (i >= 0 && kept[static_cast<size_t>(i)] == '9') {
            kept[static_cast<size_t>(i)] = '0';
            --i;
        }
        if (i >= 0) kept[static_cast<size_t>(i)]++;
        else kept.insert(kept.begin(), '1');
    }
    std::string text = kept.empty() ? "0" : kept;
    // value = text * 10**(-(nd)) ; build "textE-nd"
    text += "e" + std::to_string(-nd);
    double r = std::strtod(text.c_str(), nullptr);
    if (std::isinf(r)) return overflow_error("rounded value too large to represent");
    return Outcome::ok(Value::floating(std::copysign(r, x)));
}

Outcome int_round(int64_t x, const Value* ndigits) {
    if (!ndigits || ndigits->is_none()) return Outcome::ok(Value::integer(x));
    int64_t nd;
    Outcome err;
    if (!index_arg(*ndigits, nd, err)) return err;
    if (nd >= 0) return Outcome::ok(Value::integer(x));
    if (nd < -18) return Outcome::ok(Value::integer(0));
    int64_t pow10 = 1;
    for (int64_t i = 0; i < -nd; ++i) pow10 *= 10;
    // long_round: round half to even on the multiple of 10**-nd.
    int64_t q = x / pow10, r = x % pow10;
    if (r < 0) { r += pow10; --q; }
    int64_t twice = r * 2;
    if (twice > pow10 || (twice == pow10 && (q & 1))) ++q;
    int64_t out;
    if (__builtin_mul_overflow(q, pow10, &out)) return int_overflow();
    return Outcome::ok(Value::integer(out));
}

// ---- int() and float() from strings -------------------------------------------------

namespace {
std::string_view strip_ws(std::string_view s) {
    auto is_ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (!s.empty() && is_ws(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_ws(s.back())) s.remove_suffix(1);
    return s;
}
int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}
}  // namespace

Outcome int_from_string(std::string_view original, int base) {
    auto invalid = [&]() {
        return value_error("invalid literal for int() with base " + std::to_string(base) + ": " +
                           str_repr_text(original));
    };
    if (base != 0 && (base < 2 || base > 36)) return value_error("int() base must be >= 2 and <= 36, or 0");
    std::string_view s = strip_ws(original);
    bool neg = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    int b = base;
    bool prefixed = false;
    if (s.size() >= 2 && s[0] == '0') {
        char p = static_cast<char>(s[1] | 0x20);
        int pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (pb && (base == 0 || base == pb)) {
            b = pb;
            s.remove_prefix(2);
            prefixed = true;
            if (!s.empty() && s[0] == '_') s.remove_prefix(1);
        }
    }
    if (b == 0) {
        b = 10;
        // Base 0 forbids leading zeros in non-zero decimals ("010").
        if (s.size() > 1 && s[0] == '0') {
            for (char c : s)
                if (c != '0' && c != '_') return invalid();
        }
    }
    if (s.empty()) return invalid();
    uint64_t acc = 0;
    bool prev_us = true;  // no leading underscore (except after a prefix, handled above)
    (void)prefixed;
    bool overflow = false;
    for (char c : s) {
        if (c == '_') {
            if (prev_us) return invalid();
            prev_us = true;
            continue;
        }
        int d = digit_value(c);
        if (d >= b) return invalid();
        prev_us = false;
        if (acc > (UINT64_MAX - static_cast<uint64_t>(d)) / static_cast<uint64_t>(b)) overflow = true;
        acc = acc * static_cast<uint64_t>(b) + static_cast<uint64_t>(d);
    }
    if (prev_us) return invalid();
    if (overflow || acc > (neg ? 9223372036854775808ULL : 9223372036854775807ULL)) return int_overflow();
    int64_t v = neg ? static_cast<int64_t>(0ULL - acc) : static_cast<int64_t>(acc);
    return Outcome::ok(Value::integer(v));
}

Outcome float_from_string(std::string_view original) {
    auto invalid = [&]() { return value_error("could not convert string to float: " + str_repr_text(original)); };
    std::string_view s = strip_ws(original);
    if (s.empty()) return invalid();
    std::string lower;
    for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view body = lower;
    bool neg = false;
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
        neg = body[0] == '-';
        body.remove_prefix(1);
    }
    if (body == "inf" || body == "infinity") return Outcome::ok(Value::floating(neg ? -INFINITY : INFINITY));
    if (body == "nan") return Outcome::ok(Value::floating(neg ? -NAN : NAN));
    // Underscores only between digits; no hex floats, no "0x".
    std::string clean;
    char prev = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c == '_') {
            bool next_digit = i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1]));
            if (!std::isdigit(static_cast<unsigned char>(prev)) || !next_digit) return invalid();
            prev = c;
            continue;
        }
        if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'))
            return invalid();
        clean += c;
        prev = c;
    }
    char* end = nullptr;
    errno = 0;
    double v = std::strtod(clean.c_str(), &end);
    if (end != clean.c_str() + clean.size() || clean.empty()) return invalid();
    return Outcome::ok(Value::floating(v));
}

Outcome to_int(const Value& v) {
    switch (v.tag()) {
        case Value::Tag::Int: return Outcome::ok(v);
        case Value::Tag::Bool: return Outcome::ok(Value::integer(v.as_bool()));
        case Value::Tag::Float: {
            double d = v.as_float();
            if (std::isnan(d)) return value_error("cannot convert float NaN to integer");
            if (std::isinf(d)) return overflow_error("cannot convert float infinity to integer");
            double t = std::trunc(d);
            if (t >= 9223372036854775808.0 || t < -9223372036854775808.0) return int_overflow();
            return Outcome::ok(Value::integer(static_cast<int64_t>(t)));
        }
        default: break;
    }
    if (const std::string* s = str_of(v)) return int_from_string(*s, 10);
    Outcome r;
    if (try_dunder(v, "__int__", {}, r)) return r;
    if (try_dunder(v, "__index__", {}, r)) return r;
    if (try_dunder(v, "__trunc__", {}, r)) return r;
    return type_error("int() argument must be a string, a bytes-like object or a real number, not '" +
                      type_name(v) + "'");
}

Outcome to_float(const Value& v) {
    switch (v.tag()) {
        case Value::Tag::Int: return Outcome::ok(Value::floating(static_cast<double>(v.as_int())));
        case Value::Tag::Bool: return Outcome::ok(Value::floating(v.as_bool() ? 1.0 : 0.0));
        case Value::Tag::Float: return Outcome::ok(v);
        default: break;
    }
    if (const std::string* s = str_of(v)) return float_from_string(*s);
    Outcome r;
    if (try_dunder(v, "__float__", {}, r)) return r;
    if (try_dunder(v, "__index__", {}, r)) {
        if (!r.ok()) return r;
        return to_float(r.value);
    }
    return type_error("float() argument must be a string or a real number, not '" + type_name(v) + "'");
}

std::string int_to_string(int64_t v) { return std::to_string(v); }

}  // namespace tl
