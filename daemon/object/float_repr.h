// repr(float) exactly as CPython prints it: the shortest digits that round-trip, fixed
// notation for exponents from -4 to 15, scientific otherwise ('1e-05', '1e+16'), and
// 'inf', '-inf', 'nan'. Traces compare printed text, so this must be exact.
#pragma once

#include <string>

namespace tl {

// The longest text float_repr_to writes ("-1.2345678901234567e-308" is 24 bytes).
inline constexpr size_t kFloatReprMax = 32;

// Writes repr(v) at `out` (at least kFloatReprMax bytes) with no allocation; returns the end.
char* float_repr_to(char* out, double v);

std::string float_repr(double v);

}  // namespace tl
