// repr(float) exactly as CPython prints it: the shortest digits that round-trip, fixed
// notation for exponents from -4 to 15, scientific otherwise ('1e-05', '1e+16'), and
// 'inf', '-inf', 'nan'. Traces compare printed text, so this must be exact.
#pragma once

#include <string>

namespace tl {

std::string float_repr(double v);

}  // namespace tl
