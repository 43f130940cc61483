// UTF-8 helpers for the scenario front end: validation of the whole source, code
// point decoding and encoding, and the identifier-character test used by the lexer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tl::script::utf8 {

// Offset of the first byte that does not start a well-formed UTF-8 sequence
// (overlong forms, surrogates and values above U+10FFFF are rejected), or npos.
std::size_t find_invalid(std::string_view text);

// Decodes the code point at `pos` of already validated text and stores its byte
// length in `len`. Returns U+FFFD with len 1 for bytes that are not valid UTF-8.
char32_t decode(std::string_view text, std::size_t pos, std::size_t& len);

void append(std::string& out, char32_t cp);

// Number of code points in `text` (counting invalid bytes as one each).
std::size_t count_code_points(std::string_view text);

// Whether a non-ASCII code point may appear in an identifier. Python uses the
// Unicode XID tables; we accept every letter-like code point and reject the blocks
// of punctuation, symbols, spaces and emoji, which is what real mistakes contain.
bool is_identifier_char(char32_t cp);

}  // namespace tl::script::utf8
