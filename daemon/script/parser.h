// Entry point of the scenario front end: source text in, an AST (ast.h) or the first
// syntax error out. Nothing is thrown to the caller.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/script/ast.h"
#include "daemon/script/diagnostic.h"

namespace tl::script {

struct ParseResult {
    std::unique_ptr<ast::Module> module;   // set when there is no error
    std::optional<SyntaxError> error;
    bool ok() const { return module != nullptr; }
};

// Recursion is bounded by ast::kMaxNesting: at the limit the parser needs about
// 0.5 MB of stack (more under sanitizers), so run it on a thread with at least 1 MB.
ParseResult parse_module(std::string_view source, std::string filename = "<string>");

}  // namespace tl::script
