// libFuzzer target for the scenario front end: lexes and parses arbitrary bytes.
// Beyond crashes and sanitizer reports it checks that an error always carries a
// sane position and that a successful parse can be dumped.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "daemon/script/ast.h"
#include "daemon/script/lexer.h"
#include "daemon/script/parser.h"

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
    } else {
        if (!parsed.error || parsed.error->line < 1 || parsed.error->col < 1) __builtin_trap();
        if (parsed.error->format().empty()) __builtin_trap();
    }
    return 0;
}
