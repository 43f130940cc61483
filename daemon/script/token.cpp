// Names and spellings of token kinds, generated from the X-macro lists in token.h.
#include "daemon/script/token.h"

namespace tl::script {

const char* token_kind_name(TokenKind kind) {
    switch (kind) {
    case TokenKind::EndMarker: return "ENDMARKER";
    case TokenKind::Newline: return "NEWLINE";
    case TokenKind::Indent: return "INDENT";
    case TokenKind::Dedent: return "DEDENT";
    case TokenKind::Name: return "NAME";
    case TokenKind::Number: return "NUMBER";
    case TokenKind::String: return "STRING";
#define TL_X(name, text) \
    case TokenKind::name: return "'" text "'";
        TL_SCRIPT_OPERATORS(TL_X) TL_SCRIPT_KEYWORDS(TL_X)
#undef TL_X
    }
    return "?";
}

std::string_view token_kind_text(TokenKind kind) {
    switch (kind) {
#define TL_X(name, text) \
    case TokenKind::name: return text;
        TL_SCRIPT_OPERATORS(TL_X) TL_SCRIPT_KEYWORDS(TL_X)
#undef TL_X
    default: return {};
    }
}

TokenKind keyword_kind(std::string_view identifier) {
#define TL_X(name, text) \
    if (identifier == text) return TokenKind::name;
    TL_SCRIPT_KEYWORDS(TL_X)
#undef TL_X
    return TokenKind::Name;
}

bool is_keyword(TokenKind kind) {
    switch (kind) {
#define TL_X(name, text) case TokenKind::name:
        TL_SCRIPT_KEYWORDS(TL_X)
#undef TL_X
        return true;
    default: return false;
    }
}

}  // namespace tl::script
