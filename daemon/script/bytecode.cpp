// Opcode names and stack effects for the compiler and the disassembler.
#include "daemon/script/opcodes.h"

#include <bit>
#include <cstddef>

namespace tl::script {

const char* op_name(Op op) {
    static const char* const names[] = {
#define TL_OP_NAME(name, effect) #name,
        TL_OPCODES(TL_OP_NAME)
#undef TL_OP_NAME
    };
    auto i = static_cast<size_t>(op);
    return i < sizeof(names) / sizeof(names[0]) ? names[i] : "???";
}

int stack_effect(Op op, uint32_t arg) {
    static const int fixed[] = {
#define TL_OP_EFFECT(name, effect) effect,
        TL_OPCODES(TL_OP_EFFECT)
#undef TL_OP_EFFECT
    };
    int n = static_cast<int>(arg);
    switch (op) {
        case Op::BUILD_SLICE: case Op::BUILD_TUPLE: case Op::BUILD_LIST: case Op::BUILD_SET:
        case Op::BUILD_STRING:
            return 1 - n;
        case Op::BUILD_MAP: return 1 - 2 * n;
        case Op::UNPACK_SEQUENCE: return n - 1;
        case Op::UNPACK_EX: return static_cast<int>((arg & 0xff) + (arg >> 8));
        case Op::CALL: return -n;
        case Op::CALL_KW: return -(n + 1);
        case Op::CALL_EX: return -(1 + (n & 1));
        case Op::CALL_METHOD: return -(n + 1);
        case Op::CALL_METHOD_KW: return -(n + 2);
        case Op::MAKE_FUNCTION: return -std::popcount(arg & 0xb);
        case Op::BUILD_CLASS: return -2;
        case Op::RAISE_VARARGS: return -n;
        case Op::FORMAT_VALUE: return (arg & 4) ? -1 : 0;
        default: return fixed[static_cast<size_t>(op)];
    }
}

bool is_jump(Op op) {
    switch (op) {
        case Op::JUMP: case Op::POP_JUMP_IF_FALSE: case Op::POP_JUMP_IF_TRUE:
        case Op::POP_JUMP_IF_NONE: case Op::POP_JUMP_IF_NOT_NONE:
        case Op::JUMP_IF_FALSE_OR_POP: case Op::JUMP_IF_TRUE_OR_POP: case Op::FOR_ITER:
        case Op::SETUP_FINALLY: case Op::SETUP_WITH:
            return true;
        default:
            return false;
    }
}

}  // namespace tl::script
