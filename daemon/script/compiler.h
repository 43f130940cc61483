// The scenario compiler: AST (ast.h) in, a module CodeObject out, or the first
// compile-time error (a misplaced `return`/`await`/`break`, a construct the VM does not
// run) with its position, reported like a syntax error before anything runs.
#pragma once

#include <optional>
#include <string>

#include "daemon/script/ast.h"
#include "daemon/script/code.h"

namespace tl::script {

struct CompileError {
    std::string message;
    int line = 0;
    int col = 0;  // 0-based byte column, as ast::Position
};

struct CompileResult {
    CodeRef code;
    std::optional<CompileError> error;
    bool ok() const { return code != nullptr; }
};

CompileResult compile_module(const ast::Module& module, const std::string& filename);

}  // namespace tl::script
