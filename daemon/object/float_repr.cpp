// float_repr: the digits come from std::to_chars (shortest round-trip, as David Gay's
// dtoa mode 0 that CPython uses); the layout follows PyOS_double_to_string's 'r' mode.
// Written into a caller's buffer: the JSONL writer formats times on its hot path.
#include "daemon/object/float_repr.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace tl {

char* float_repr_to(char* out, double v) {
    if (std::isnan(v)) {
        std::memcpy(out, "nan", 3);
        return out + 3;
    }
    if (std::isinf(v)) {
        if (v > 0) {
            std::memcpy(out, "inf", 3);
            return out + 3;
        }
        std::memcpy(out, "-inf", 4);
        return out + 4;
    }
    // Scientific shortest form, e.g. "-1.2345e+16" or "5e-01": sign, digits, exponent.
    char sci[kFloatReprMax];
    char* end = std::to_chars(sci, sci + sizeof sci, v, std::chars_format::scientific).ptr;
    const char* p = sci;
    if (*p == '-') {
        *out++ = '-';
        ++p;
    }
    char digits[20];
    int ndigits = 0;
    for (; *p != 'e'; ++p) {
        if (*p != '.') digits[ndigits++] = *p;
    }
    ++p;  // 'e'
    bool exp_neg = *p == '-';
    ++p;  // sign
    int exp = 0;
    for (; p < end; ++p) exp = exp * 10 + (*p - '0');
    if (exp_neg) exp = -exp;
    // Trailing zeros of the significand (to_chars gives none, but be safe).
    while (ndigits > 1 && digits[ndigits - 1] == '0') --ndigits;

    if (exp >= -4 && exp < 16) {
        if (exp < 0) {
            *out++ = '0';
            *out++ = '.';
            for (int k = 0; k < -exp - 1; ++k) *out++ = '0';
            std::memcpy(out, digits, static_cast<size_t>(ndigits));
            out += ndigits;
        } else if (exp + 1 >= ndigits) {
            std::memcpy(out, digits, static_cast<size_t>(ndigits));
            out += ndigits;
            for (int k = 0; k < exp + 1 - ndigits; ++k) *out++ = '0';
            *out++ = '.';
            *out++ = '0';
        } else {
            std::memcpy(out, digits, static_cast<size_t>(exp + 1));
            out += exp + 1;
            *out++ = '.';
            std::memcpy(out, digits + exp + 1, static_cast<size_t>(ndigits - exp - 1));
            out += ndigits - exp - 1;
        }
    } else {
        *out++ = digits[0];
        if (ndigits > 1) {
            *out++ = '.';
            std::memcpy(out, digits + 1, static_cast<size_t>(ndigits - 1));
            out += ndigits - 1;
        }
        *out++ = 'e';
        *out++ = exp < 0 ? '-' : '+';
        int a = exp < 0 ? -exp : exp;
        if (a < 10) *out++ = '0';
        out = std::to_chars(out, out + 4, a).ptr;
    }
    return out;
}

std::string float_repr(double v) {
    char buf[kFloatReprMax];
    return std::string(buf, float_repr_to(buf, v));
}

}  // namespace tl
