// float_repr: the digits come from std::to_chars (shortest round-trip, as David Gay's
// dtoa mode 0 that CPython uses); the layout follows PyOS_double_to_string's 'r' mode.
#include "daemon/object/float_repr.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace tl {

std::string float_repr(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string sci(buf, res.ptr);
    // sci looks like "-1.2345e+16" or "5e-01": split sign, digits and exponent.
    bool neg = false;
    size_t i = 0;
    if (sci[0] == '-') {
        neg = true;
        i = 1;
    }
    size_t epos = sci.find('e');
    std::string mant = sci.substr(i, epos - i);
    int exp = std::atoi(sci.c_str() + epos + 1);
    std::string digits;
    for (char c : mant) {
        if (c != '.') digits += c;
    }
    // Strip trailing zeros of the significand (to_chars gives none, but be safe).
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    int ndigits = static_cast<int>(digits.size());
    std::string out = neg ? "-" : "";
    if (exp >= -4 && exp < 16) {
        if (exp < 0) {
            out += "0.";
            out.append(static_cast<size_t>(-exp - 1), '0');
            out += digits;
        } else if (exp + 1 >= ndigits) {
            out += digits;
            out.append(static_cast<size_t>(exp + 1 - ndigits), '0');
            out += ".0";
        } else {
            out += digits.substr(0, static_cast<size_t>(exp + 1));
            out += '.';
            out += digits.substr(static_cast<size_t>(exp + 1));
        }
    } else {
        out += digits[0];
        if (ndigits > 1) {
            out += '.';
            out += digits.substr(1);
        }
        out += 'e';
        out += exp < 0 ? '-' : '+';
        int a = std::abs(exp);
        if (a < 10) out += '0';
        out += std::to_string(a);
    }
    return out;
}

}  // namespace tl
