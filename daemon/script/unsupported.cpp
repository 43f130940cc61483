// Messages for the constructs listed in unsupported.h.
#include "daemon/script/unsupported.h"

namespace tl::script {

const char* unsupported_message(Unsupported construct) {
    switch (construct) {
    case Unsupported::MatchStatement: return "the 'match' statement is not supported in scenarios";
    case Unsupported::TypeAliasStatement: return "the 'type' statement is not supported in scenarios";
    case Unsupported::TypeParameters:
        return "type parameter lists (def f[T], class C[T]) are not supported in scenarios";
    case Unsupported::ComplexLiteral: return "complex numbers are not supported in scenarios";
    case Unsupported::BytesLiteral: return "bytes literals are not supported in scenarios";
    case Unsupported::NamedUnicodeEscape:
        return "\\N{...} escapes are not supported in scenarios; write the character itself or use \\u";
    case Unsupported::FStringQuoteReuse:
        return "f-string: expecting '}': a quote inside the braces that matches the f-string's own quotes "
               "ends the string; use the other kind of quote";
    case Unsupported::SurrogateEscape:
        return "surrogate code points (\\ud800-\\udfff) are not supported in scenario strings";
    }
    return "this construct is not supported in scenarios";
}

}  // namespace tl::script
