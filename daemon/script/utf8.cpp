// UTF-8 validation/decoding and the approximate identifier-character table.
#include "daemon/script/utf8.h"

namespace tl::script::utf8 {

namespace {

// Length of the sequence starting at text[pos] if well formed, else 0.
std::size_t sequence_length(std::string_view text, std::size_t pos) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char b0 = byte(pos);
    if (b0 < 0x80) return 1;
    std::size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        n = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 3;
        if (b0 == 0xE0) lo = 0xA0;       // overlong
        if (b0 == 0xED) hi = 0x9F;       // surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        n = 4;
        if (b0 == 0xF0) lo = 0x90;       // overlong
        if (b0 == 0xF4) hi = 0x8F;       // above U+10FFFF
    } else {
        return 0;
    }
    if (pos + n > text.size()) return 0;
    if (byte(pos + 1) < lo || byte(pos + 1) > hi) return 0;
    for (std::size_t i = 2; i < n; ++i) {
        if (byte(pos + i) < 0x80 || byte(pos + i) > 0xBF) return 0;
    }
    return n;
}

}  // namespace

std::size_t find_invalid(std::string_view text) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t n = sequence_length(text, pos);
        if (n == 0) return pos;
        pos += n;
    }
    return std::string_view::npos;
}

char32_t decode(std::string_view text, std::size_t pos, std::size_t& len) {
    len = sequence_length(text, pos);
    if (len == 0) {
        len = 1;
        return 0xFFFD;
    }
    auto b = [&](std::size_t i) { return static_cast<char32_t>(static_cast<unsigned char>(text[pos + i])); };
    switch (len) {
    case 1: return b(0);
    case 2: return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3: return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    default: return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    }
}

void append(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::size_t count_code_points(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t pos = 0; pos < text.size(); ++count) {
        std::size_t len;
        decode(text, pos, len);
        pos += len;
    }
    return count;
}

bool is_identifier_char(char32_t cp) {
    if (cp < 0x80) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
    }
    struct Range { char32_t lo, hi; };
    // Blocks that hold no identifier characters (or only a handful nobody uses).
    static constexpr Range kRejected[] = {
        {0x0080, 0x00A9}, {0x00AB, 0x00B4}, {0x00B6, 0x00B9}, {0x00BB, 0x00BF},
        {0x00D7, 0x00D7}, {0x00F7, 0x00F7},
        {0x2000, 0x203E}, {0x2041, 0x2053}, {0x2055, 0x206F},  // punctuation (keeps ‿ ⁀ ⁔)
        {0x20A0, 0x20CF},                                      // currency
        {0x2190, 0x23FF}, {0x2400, 0x245F}, {0x2500, 0x27BF},  // arrows, maths, boxes, dingbats
        {0x27C0, 0x2BFF},                                      // more maths and symbols
        {0x2E00, 0x2E7F},                                      // supplemental punctuation
        {0x3000, 0x3004}, {0x3008, 0x3020}, {0x3030, 0x3030},  // CJK punctuation
        {0xD800, 0xDFFF}, {0xE000, 0xF8FF},                    // surrogates, private use
        {0xFE10, 0xFE1F}, {0xFE30, 0xFE4F}, {0xFE50, 0xFE6F},  // vertical/compat forms
        {0xFEFF, 0xFEFF}, {0xFF01, 0xFF0F}, {0xFF1A, 0xFF20},  // BOM, fullwidth punctuation
        {0xFF3B, 0xFF3E}, {0xFF40, 0xFF40}, {0xFF5B, 0xFF65},
        {0xFFF0, 0xFFFF},
        {0x1F000, 0x1FAFF},                                    // emoji and pictographs
        {0xF0000, 0x10FFFF},                                   // private use planes
    };
    for (const Range& r : kRejected) {
        if (cp >= r.lo && cp <= r.hi) return false;
    }
    return true;
}

}  // namespace tl::script::utf8
