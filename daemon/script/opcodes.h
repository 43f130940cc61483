// The scenario VM's instruction set, as one X-macro list (after clox/Wren): each
// instruction is one 32-bit word, opcode in the low 8 bits and its operand in the high
// 24; jumps hold absolute instruction indices. The stack effect column is what the
// compiler uses to size each frame's value stack (the fall-through path's effect).
#pragma once

#include <cstdint>

namespace tl::script {

// X(name, stack effect) — effects that depend on the operand are written as
// `kVar` and computed in stack_effect() (bytecode.cpp).
#define TL_OPCODES(X)                                                                 \
    X(NOP, 0)                                                                         \
    X(POP_TOP, -1)                                                                    \
    X(COPY, 1)            /* push a copy of the item `arg` deep (1 = TOS) */          \
    X(SWAP, 0)            /* swap TOS with the item `arg` deep */                     \
    X(LOAD_CONST, 1)                                                                  \
    X(LOAD_FAST, 1)                                                                   \
    X(STORE_FAST, -1)                                                                 \
    X(DELETE_FAST, 0)                                                                 \
    X(LOAD_DEREF, 1)      /* cells: cellvars then freevars */                         \
    X(STORE_DEREF, -1)                                                                \
    X(DELETE_DEREF, 0)                                                                \
    X(LOAD_CLOSURE, 1)    /* the cell itself, for MAKE_FUNCTION */                     \
    X(LOAD_CLASSDEREF, 1) /* class body: namespace first, then the cell */            \
    X(LOAD_GLOBAL, 1)                                                                 \
    X(STORE_GLOBAL, -1)                                                               \
    X(DELETE_GLOBAL, 0)                                                               \
    X(LOAD_NAME, 1)       /* class bodies: namespace, globals, builtins */            \
    X(STORE_NAME, -1)                                                                 \
    X(DELETE_NAME, 0)                                                                 \
    X(LOAD_ATTR, 0)                                                                   \
    X(STORE_ATTR, -2)                                                                 \
    X(DELETE_ATTR, -1)                                                                \
    X(LOAD_METHOD, 1)     /* obj -> (method, self) or (callable, NULL) */             \
    X(BINARY_SUBSCR, -1)                                                              \
    X(STORE_SUBSCR, -3)                                                               \
    X(DELETE_SUBSCR, -2)                                                              \
    X(BUILD_SLICE, kVar)                                                              \
    X(BINARY_OP, -1)      /* arg: BinaryOp | 0x100 for in-place */                    \
    X(UNARY_OP, 0)                                                                    \
    X(COMPARE_OP, -1)                                                                 \
    X(IS_OP, -1)          /* arg 1: `is not` */                                       \
    X(CONTAINS_OP, -1)    /* arg 1: `not in` */                                       \
    X(JUMP, 0)                                                                        \
    X(POP_JUMP_IF_FALSE, -1)                                                          \
    X(POP_JUMP_IF_TRUE, -1)                                                           \
    X(POP_JUMP_IF_NONE, -1)                                                           \
    X(POP_JUMP_IF_NOT_NONE, -1)                                                       \
    X(JUMP_IF_FALSE_OR_POP, -1)                                                       \
    X(JUMP_IF_TRUE_OR_POP, -1)                                                        \
    X(GET_ITER, 0)                                                                    \
    X(FOR_ITER, 1)        /* exhausted: pop the iterator, jump to arg */              \
    X(BUILD_TUPLE, kVar)                                                              \
    X(BUILD_LIST, kVar)                                                               \
    X(BUILD_SET, kVar)                                                                \
    X(BUILD_MAP, kVar)                                                                \
    X(BUILD_STRING, kVar)                                                             \
    X(LIST_APPEND, -1)    /* append TOS to the list `arg` deep (after pop) */         \
    X(SET_ADD, -1)                                                                    \
    X(MAP_ADD, -2)                                                                    \
    X(LIST_EXTEND, -1)                                                                \
    X(SET_UPDATE, -1)                                                                 \
    X(DICT_UPDATE, -1)                                                                \
    X(DICT_MERGE, -1)     /* like DICT_UPDATE, but duplicate keys are a TypeError */  \
    X(LIST_TO_TUPLE, 0)                                                               \
    X(UNPACK_SEQUENCE, kVar)                                                          \
    X(UNPACK_EX, kVar)    /* arg: before | after << 8 */                              \
    X(CALL, kVar)         /* arg: positional count; callable below the args */        \
    X(CALL_KW, kVar)      /* arg: count incl. keywords; names tuple on top */         \
    X(CALL_EX, kVar)      /* arg 1: kwargs dict on top; args tuple below */           \
    X(CALL_METHOD, kVar)  /* after LOAD_METHOD */                                     \
    X(CALL_METHOD_KW, kVar)                                                           \
    X(MAKE_FUNCTION, kVar) /* arg flags: 1 defaults, 2 kwdefaults, 8 closure */       \
    X(BUILD_CLASS, kVar)  /* body fn, name, bases tuple -> class; arg: bases given */ \
    X(RETURN_VALUE, -1)                                                               \
    X(YIELD_VALUE, 0)                                                                 \
    X(GET_AWAITABLE, 0)                                                               \
    X(YIELD_FROM, 0)      /* delegate to TOS (await / yield from), push its result */ \
    X(GET_YIELD_FROM_ITER, 0)                                                         \
    X(GET_AITER, 0)                                                                   \
    X(GET_ANEXT, 1)                                                                   \
    X(END_ASYNC_FOR, -2)  /* handler: StopAsyncIteration ends the loop */             \
    X(BEFORE_WITH, 1)     /* ctx -> exit, enter() */                                  \
    X(BEFORE_ASYNC_WITH, 1) /* ctx -> aexit, aenter() awaitable */                    \
    X(WITH_EXCEPT_START, 1) /* exit, prev, exc -> exit, prev, exc, exit(type,exc,tb) */ \
    X(SETUP_FINALLY, 0)   /* push a handler block for target arg */                   \
    X(SETUP_WITH, 0)      /* SETUP_FINALLY whose level excludes TOS (the enter value) */ \
    X(POP_BLOCK, 0)                                                                   \
    X(PUSH_EXC_INFO, 0)   /* exc -> exc; enters the handler, saving exc_info */       \
    X(POP_EXCEPT, 0)      /* leaves the handler, restoring exc_info */                \
    X(CHECK_EXC_MATCH, 0) /* exc, type -> exc, bool */                                \
    X(CHECK_EG_MATCH, 0)  /* eg, type -> rest, match (match None: no match) */        \
    X(PREP_RERAISE_STAR, -1) /* orig, list -> exc or None */                          \
    X(RERAISE, -1)                                                                    \
    X(RAISE_VARARGS, kVar)                                                            \
    X(LOAD_ASSERTION_ERROR, 1)                                                        \
    X(FORMAT_VALUE, kVar) /* arg: conversion (0 none, 1 s, 2 r, 3 a) | 4 has spec */  \
    X(IMPORT_NAME, 1)                                                                 \
    X(IMPORT_FROM, 1)

enum class Op : uint8_t {
#define TL_OP_ENUM(name, effect) name,
    TL_OPCODES(TL_OP_ENUM)
#undef TL_OP_ENUM
};

inline constexpr int kVar = 1000;  // "depends on the operand" in the effect column
inline constexpr int kOpCount = 0
#define TL_OP_COUNT(name, effect) +1
    TL_OPCODES(TL_OP_COUNT)
#undef TL_OP_COUNT
    ;

const char* op_name(Op op);
// Net stack effect of one instruction on its fall-through path.
int stack_effect(Op op, uint32_t arg);
bool is_jump(Op op);

inline uint32_t encode(Op op, uint32_t arg) { return static_cast<uint32_t>(op) | (arg << 8); }
inline Op op_of(uint32_t word) { return static_cast<Op>(word & 0xff); }
inline uint32_t arg_of(uint32_t word) { return word >> 8; }
inline constexpr uint32_t kMaxArg = (1u << 24) - 1;

}  // namespace tl::script
