// Version names for flags and messages.
#include "daemon/runtime/semantics.h"

namespace tl::rt {

std::optional<PyVersion> parse_version(std::string_view s) {
    if (s == "3.11") return PyVersion::V3_11;
    if (s == "3.12") return PyVersion::V3_12;
    if (s == "3.13") return PyVersion::V3_13;
    if (s == "3.14") return PyVersion::V3_14;
    return std::nullopt;
}

std::string version_name(PyVersion v) {
    int n = static_cast<int>(v);
    return "3." + std::to_string(n % 100);
}

}  // namespace tl::rt
