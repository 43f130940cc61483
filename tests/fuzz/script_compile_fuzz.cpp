// libFuzzer target for the scenario front end: lexes, parses and compiles arbitrary bytes.
// Beyond crashes and sanitizer reports it checks that an error always carries a sane
// position, that a successful parse can be dumped, and that a compiled module's code
// objects are well formed (every jump inside the code, a line per instruction).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "daemon/script/ast.h"
#include "daemon/script/code.h"
#include "daemon/script/compiler.h"
#include "daemon/script/lexer.h"
#include "daemon/script/parser.h"

namespace {

void check_code(const tl::script::CodeObject& c, int depth) {
    using namespace tl::script;
    if (depth > 200) return;
    if (c.code.empty() || c.lines.size() != c.code.size() || c.max_stack < 0) __builtin_trap();
    for (uint32_t word : c.code) {
        Op op = op_of(word);
        if (static_cast<int>(op) >= kOpCount) __builtin_trap();
        if (is_jump(op) && arg_of(word) > c.code.size()) __builtin_trap();
    }
    for (const tl::Value& v : c.consts) {
        if (v.is_obj() && v.as_obj()->type() == code_type()) check_code(*v.obj_as<CodeObject>(), depth + 1);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view source(reinterpret_cast<const char*>(data), size);

    tl::script::LexResult lexed = tl::script::lex(source, "fuzz.py");
    if (lexed.ok() && (lexed.tokens.empty() || lexed.tokens.back().kind != tl::script::TokenKind::EndMarker)) {
        __builtin_trap();
    }

    tl::script::ParseResult parsed = tl::script::parse_module(source, "fuzz.py");
    if (parsed.ok()) {
        if (parsed.error) __builtin_trap();
        std::string text = tl::script::ast::dump(*parsed.module, {true});
        if (text.empty()) __builtin_trap();
        tl::script::CompileResult compiled = tl::script::compile_module(*parsed.module, "fuzz.py");
        if (compiled.ok()) {
            if (compiled.error) __builtin_trap();
            check_code(*compiled.code, 0);
        } else {
            if (!compiled.error || compiled.error->line < 1 || compiled.error->col < 0) __builtin_trap();
            if (compiled.error->message.empty()) __builtin_trap();
        }
    } else {
        if (!parsed.error || parsed.error->line < 1 || parsed.error->col < 1) __builtin_trap();
        if (parsed.error->format().empty()) __builtin_trap();
    }
    return 0;
}
