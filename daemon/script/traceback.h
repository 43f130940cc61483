// Error reporting for `tasklensd run`: an uncaught exception printed as CPython's
// traceback module prints it (chained causes/contexts, source lines, "[Previous line
// repeated N more times]", __notes__), minus the `^^^^` position carets of 3.11+.
#pragma once

#include <functional>
#include <string>

#include "daemon/object/exception.h"

namespace tl::script {

// The text of source line `line` (1-based) of `file`, or "" when unknown.
using SourceLines = std::function<std::string(const std::string& file, int line)>;

// traceback.format_exception(e) joined: what CPython writes to stderr for an uncaught
// exception, for the frames the exception records (the scenario's own frames: asyncio's
// internals are native here and leave no frames).
std::string format_exception(const ExceptionObject& e, const SourceLines& lines);

// "module.QualName: str(e)" (traceback's exception-only line; builtins and __main__
// are not qualified).
std::string format_exception_only(const ExceptionObject& e);

}  // namespace tl::script
