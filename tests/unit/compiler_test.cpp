// Compiler tests: what bytecode, constants, names and scopes each construct compiles to
// (a disassembly of the code object and its nested code objects), closures and cells,
// and the compile-time errors, formatted as `tasklensd run` prints them.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "daemon/object/ops.h"
#include "daemon/script/code.h"
#include "daemon/script/compiler.h"
#include "daemon/script/diagnostic.h"
#include "daemon/script/parser.h"
#include "daemon/script/source.h"

namespace {

using namespace tl;
using namespace tl::script;

// Operands shown by meaning: constants by repr, names and slots by name, jumps as "->N".
std::string operand(const CodeObject& c, Op op, uint32_t arg) {
    auto name_at = [](const std::vector<std::string>& v, uint32_t i) { return i < v.size() ? v[i] : "?" + std::to_string(i); };
    switch (op) {
        case Op::LOAD_CONST: {
            const Value& v = c.consts.at(arg);
            if (v.is_obj() && v.as_obj()->type() == code_type()) return "<code " + v.obj_as<CodeObject>()->qualname + ">";
            return repr_string(v);
        }
        case Op::LOAD_FAST: case Op::STORE_FAST: case Op::DELETE_FAST:
            return name_at(c.varnames, arg);
        case Op::LOAD_DEREF: case Op::STORE_DEREF: case Op::DELETE_DEREF: case Op::LOAD_CLOSURE:
        case Op::LOAD_CLASSDEREF:
            return arg < c.cellvars.size() ? c.cellvars[arg] : name_at(c.freevars, arg - static_cast<uint32_t>(c.cellvars.size()));
        case Op::LOAD_GLOBAL: case Op::STORE_GLOBAL: case Op::DELETE_GLOBAL: case Op::LOAD_NAME: case Op::STORE_NAME:
        case Op::DELETE_NAME: case Op::LOAD_ATTR: case Op::STORE_ATTR: case Op::DELETE_ATTR: case Op::LOAD_METHOD:
        case Op::IMPORT_NAME: case Op::IMPORT_FROM:
            return name_at(c.names, arg);
        default:
            if (is_jump(op)) return "->" + std::to_string(arg);
            return std::to_string(arg);
    }
}

std::string dis(const CodeObject& c) {
    std::string out;
    for (size_t i = 0; i < c.code.size(); ++i) {
        Op op = op_of(c.code[i]);
        out += std::to_string(i) + " " + op_name(op) + " " + operand(c, op, arg_of(c.code[i])) + "\n";
    }
    return out;
}

// The first nested code object named `qualname` (depth-first), or null.
const CodeObject* find_code(const CodeObject& c, std::string_view qualname) {
    if (c.qualname == qualname) return &c;
    for (const Value& v : c.consts) {
        if (v.is_obj() && v.as_obj()->type() == code_type()) {
            if (auto* f = find_code(*v.obj_as<CodeObject>(), qualname)) return f;
        }
    }
    return nullptr;
}

struct Compiled {
    CodeRef code;
    std::string error;  // as `tasklensd run` prints it
};

Compiled compile(std::string_view source) {
    ParseResult parsed = parse_module(source, "test.py");
    if (!parsed.ok()) return {nullptr, parsed.error->format()};
    CompileResult r = compile_module(*parsed.module, "test.py");
    if (!r.ok()) {
        SourceFile sf(source, "test.py");
        return {nullptr, make_syntax_error(sf, r.error->line, r.error->col, r.error->message).format()};
    }
    return {r.code, ""};
}

std::string dis_of(std::string_view source, std::string_view qualname = "<module>") {
    Compiled c = compile(source);
    if (!c.code) return "ERROR: " + c.error;
    const CodeObject* code = find_code(*c.code, qualname);
    return code ? dis(*code) : "no code object " + std::string(qualname);
}

std::string error_of(std::string_view source) {
    Compiled c = compile(source);
    return c.code ? "no error" : c.error;
}

}  // namespace

TEST_SUITE("compiler") {

TEST_CASE("module names are globals; the module returns None") {
    CHECK(dis_of("x = 1\nprint(x + 2)\n") ==
          "0 LOAD_CONST 1\n1 STORE_GLOBAL x\n2 LOAD_GLOBAL print\n3 LOAD_GLOBAL x\n4 LOAD_CONST 2\n"
          "5 BINARY_OP 0\n6 CALL 1\n7 POP_TOP 0\n8 LOAD_CONST None\n9 RETURN_VALUE 0\n");
}

TEST_CASE("function parameters: slots in order, counts and flags") {
    Compiled c = compile("def f(a, b=2, /, c=3, *d, e, f=6, **g):\n    x = a\n    return x\n");
    REQUIRE(c.code);
    const CodeObject* f = find_code(*c.code, "f");
    REQUIRE(f);
    CHECK(f->posonly_count == 2);
    CHECK(f->arg_count == 3);
    CHECK(f->kwonly_count == 2);
    CHECK((f->flags & kFlagVarargs) != 0);
    CHECK((f->flags & kFlagVarkw) != 0);
    CHECK(f->total_params() == 7);
    // Parameters first (positional, keyword-only, *args, **kwargs), then locals.
    CHECK(f->varnames == std::vector<std::string>{"a", "b", "c", "e", "f", "d", "g", "x"});
    CHECK(dis(*f) == "0 LOAD_FAST a\n1 STORE_FAST x\n2 LOAD_FAST x\n3 RETURN_VALUE 0\n4 LOAD_CONST None\n5 RETURN_VALUE 0\n");
    // The module builds the defaults tuple and the kw-defaults dict before MAKE_FUNCTION.
    std::string mod = dis(*c.code);
    CHECK(mod.find("MAKE_FUNCTION 3\n") != std::string::npos);
}

TEST_CASE("closures: the captured local is a cell, the inner function reads it as a free variable") {
    const char* src = "def outer():\n    v = 1\n    def inner():\n        return v\n    return inner\n";
    Compiled c = compile(src);
    REQUIRE(c.code);
    const CodeObject* outer = find_code(*c.code, "outer");
    const CodeObject* inner = find_code(*c.code, "outer.<locals>.inner");
    REQUIRE(outer);
    REQUIRE(inner);
    CHECK(outer->cellvars == std::vector<std::string>{"v"});
    CHECK(outer->freevars.empty());
    CHECK(inner->freevars == std::vector<std::string>{"v"});
    CHECK(inner->cellvars.empty());
    CHECK(dis(*outer) ==
          "0 LOAD_CONST 1\n1 STORE_DEREF v\n2 LOAD_CLOSURE v\n3 BUILD_TUPLE 1\n"
          "4 LOAD_CONST <code outer.<locals>.inner>\n5 MAKE_FUNCTION 8\n6 STORE_FAST inner\n"
          "7 LOAD_FAST inner\n8 RETURN_VALUE 0\n9 LOAD_CONST None\n10 RETURN_VALUE 0\n");
    CHECK(dis(*inner) == "0 LOAD_DEREF v\n1 RETURN_VALUE 0\n2 LOAD_CONST None\n3 RETURN_VALUE 0\n");
}

TEST_CASE("a captured parameter is a cell copied in from its slot") {
    Compiled c = compile("def f(a):\n    def g():\n        nonlocal a\n        a = 2\n    return g\n");
    REQUIRE(c.code);
    const CodeObject* f = find_code(*c.code, "f");
    const CodeObject* g = find_code(*c.code, "f.<locals>.g");
    REQUIRE(f);
    REQUIRE(g);
    CHECK(f->cellvars == std::vector<std::string>{"a"});
    CHECK(f->cell_param_slot == std::vector<int>{0});
    CHECK(g->freevars == std::vector<std::string>{"a"});
    CHECK(dis(*g) == "0 LOAD_CONST 2\n1 STORE_DEREF a\n2 LOAD_CONST None\n3 RETURN_VALUE 0\n");
}

TEST_CASE("a name passes through an intermediate function that does not use it") {
    Compiled c = compile("def a():\n    x = 1\n    def b():\n        def c():\n            return x\n        return c\n    return b\n");
    REQUIRE(c.code);
    const CodeObject* b = find_code(*c.code, "a.<locals>.b");
    REQUIRE(b);
    CHECK(b->freevars == std::vector<std::string>{"x"});
    CHECK(b->cellvars.empty());
    CHECK(find_code(*c.code, "a.<locals>.b.<locals>.c")->freevars == std::vector<std::string>{"x"});
}

TEST_CASE("global declaration in a function stores to the module") {
    CHECK(dis_of("def f():\n    global G\n    G = 1\n", "f") ==
          "0 LOAD_CONST 1\n1 STORE_GLOBAL G\n2 LOAD_CONST None\n3 RETURN_VALUE 0\n");
    // Without the declaration the same assignment is a local slot.
    CHECK(dis_of("def f():\n    G = 1\n", "f") ==
          "0 LOAD_CONST 1\n1 STORE_FAST G\n2 LOAD_CONST None\n3 RETURN_VALUE 0\n");
}

TEST_CASE("class bodies use the namespace; zero-argument super() needs the __class__ cell") {
    const char* src = "class A(B):\n    def m(self):\n        return super().m()\n";
    CHECK(dis_of(src, "A") ==
          "0 LOAD_NAME __name__\n1 STORE_NAME __module__\n2 LOAD_CONST 'A'\n3 STORE_NAME __qualname__\n"
          "4 LOAD_CLOSURE __class__\n5 BUILD_TUPLE 1\n6 LOAD_CONST <code A.m>\n7 MAKE_FUNCTION 8\n"
          "8 STORE_NAME m\n9 LOAD_CLOSURE __class__\n10 STORE_NAME __classcell__\n11 LOAD_CONST None\n"
          "12 RETURN_VALUE 0\n");
    Compiled c = compile(src);
    REQUIRE(c.code);
    CHECK((find_code(*c.code, "A")->flags & kFlagClassBody) != 0);
    CHECK(find_code(*c.code, "A.m")->freevars == std::vector<std::string>{"__class__"});
    // A method that does not use super() captures nothing.
    Compiled plain = compile("class A:\n    def m(self):\n        return 1\n");
    REQUIRE(plain.code);
    CHECK(find_code(*plain.code, "A.m")->freevars.empty());
}

TEST_CASE("class body reading an enclosing function's local goes through LOAD_CLASSDEREF") {
    CHECK(dis_of("def f():\n    x = 1\n    class A:\n        y = x\n    return A\n", "f.<locals>.A").find("LOAD_CLASSDEREF x") !=
          std::string::npos);
}

TEST_CASE("list comprehension: its own code object called with the iterator") {
    const char* src = "x = [i * 2 for i in y if i]\n";
    CHECK(dis_of(src) ==
          "0 LOAD_CONST <code <listcomp>>\n1 MAKE_FUNCTION 0\n2 LOAD_GLOBAL y\n3 GET_ITER 0\n4 CALL 1\n"
          "5 STORE_GLOBAL x\n6 LOAD_CONST None\n7 RETURN_VALUE 0\n");
    CHECK(dis_of(src, "<listcomp>") ==
          "0 BUILD_LIST 0\n1 LOAD_FAST .0\n2 FOR_ITER ->11\n3 STORE_FAST i\n4 LOAD_FAST i\n"
          "5 POP_JUMP_IF_FALSE ->2\n6 LOAD_FAST i\n7 LOAD_CONST 2\n8 BINARY_OP 2\n9 LIST_APPEND 2\n"
          "10 JUMP ->2\n11 RETURN_VALUE 0\n");
    Compiled c = compile(src);
    CHECK(find_code(*c.code, "<listcomp>")->arg_count == 1);
}

TEST_CASE("generator expression: a generator code object") {
    Compiled c = compile("g = (i for i in y)\n");
    REQUIRE(c.code);
    const CodeObject* ge = find_code(*c.code, "<genexpr>");
    REQUIRE(ge);
    CHECK(ge->is_generator());
    CHECK_FALSE(ge->is_coroutine());
    CHECK(dis(*ge).find("YIELD_VALUE") != std::string::npos);
}

TEST_CASE("unpacking with a star") {
    CHECK(dis_of("a, *b, c = t\n") ==
          "0 LOAD_GLOBAL t\n1 UNPACK_EX 257\n2 STORE_GLOBAL a\n3 STORE_GLOBAL b\n4 STORE_GLOBAL c\n"
          "5 LOAD_CONST None\n6 RETURN_VALUE 0\n");
    CHECK(dis_of("a, b = t\n").find("UNPACK_SEQUENCE 2\n") != std::string::npos);
}

TEST_CASE("chained comparison evaluates the middle operand once") {
    CHECK(dis_of("if a < b < c:\n    pass\n") ==
          "0 LOAD_GLOBAL a\n1 LOAD_GLOBAL b\n2 SWAP 2\n3 COPY 2\n4 COMPARE_OP 0\n"
          "5 JUMP_IF_FALSE_OR_POP ->9\n6 LOAD_GLOBAL c\n7 COMPARE_OP 0\n8 JUMP ->11\n9 SWAP 2\n"
          "10 POP_TOP 0\n11 POP_JUMP_IF_FALSE ->12\n12 LOAD_CONST None\n13 RETURN_VALUE 0\n");
}

TEST_CASE("boolean operators short-circuit with the value on the stack") {
    CHECK(dis_of("x = a and b or not c\n") ==
          "0 LOAD_GLOBAL a\n1 JUMP_IF_FALSE_OR_POP ->3\n2 LOAD_GLOBAL b\n3 JUMP_IF_TRUE_OR_POP ->6\n"
          "4 LOAD_GLOBAL c\n5 UNARY_OP 3\n6 STORE_GLOBAL x\n7 LOAD_CONST None\n8 RETURN_VALUE 0\n");
}

TEST_CASE("await: GET_AWAITABLE then YIELD_FROM; an async def is a coroutine") {
    Compiled c = compile("async def f():\n    await g()\n");
    REQUIRE(c.code);
    const CodeObject* f = find_code(*c.code, "f");
    CHECK(f->is_coroutine());
    CHECK_FALSE(f->is_generator());
    CHECK(dis(*f) == "0 LOAD_GLOBAL g\n1 CALL 0\n2 GET_AWAITABLE 0\n3 YIELD_FROM 0\n4 POP_TOP 0\n"
                     "5 LOAD_CONST None\n6 RETURN_VALUE 0\n");
}

TEST_CASE("try/except as/finally: handler blocks, the name is cleared, finally on both paths") {
    CHECK(dis_of("try:\n    a()\nexcept ValueError as e:\n    b(e)\nfinally:\n    c()\n") ==
          "0 SETUP_FINALLY ->27\n1 SETUP_FINALLY ->7\n2 LOAD_GLOBAL a\n3 CALL 0\n4 POP_TOP 0\n"
          "5 POP_BLOCK 0\n6 JUMP ->22\n7 PUSH_EXC_INFO 0\n8 LOAD_GLOBAL ValueError\n9 CHECK_EXC_MATCH 0\n"
          "10 POP_JUMP_IF_FALSE ->21\n11 STORE_GLOBAL e\n12 LOAD_GLOBAL b\n13 LOAD_GLOBAL e\n14 CALL 1\n"
          "15 POP_TOP 0\n16 POP_EXCEPT 0\n17 LOAD_CONST None\n18 STORE_GLOBAL e\n19 DELETE_GLOBAL e\n"
          "20 JUMP ->22\n21 RERAISE 0\n22 POP_BLOCK 0\n23 LOAD_GLOBAL c\n24 CALL 0\n25 POP_TOP 0\n"
          "26 JUMP ->32\n27 PUSH_EXC_INFO 0\n28 LOAD_GLOBAL c\n29 CALL 0\n30 POP_TOP 0\n31 RERAISE 0\n"
          "32 LOAD_CONST None\n33 RETURN_VALUE 0\n");
}

TEST_CASE("break in a for loop pops the iterator and skips the else") {
    CHECK(dis_of("for i in r:\n    if i: break\n    continue\nelse:\n    z()\n") ==
          "0 LOAD_GLOBAL r\n1 GET_ITER 0\n2 FOR_ITER ->10\n3 STORE_GLOBAL i\n4 LOAD_GLOBAL i\n"
          "5 POP_JUMP_IF_FALSE ->8\n6 POP_TOP 0\n7 JUMP ->13\n8 JUMP ->2\n9 JUMP ->2\n10 LOAD_GLOBAL z\n"
          "11 CALL 0\n12 POP_TOP 0\n13 LOAD_CONST None\n14 RETURN_VALUE 0\n");
}

TEST_CASE("return inside with and finally runs the exits first") {
    std::string code = dis_of("def f():\n    with m:\n        try:\n            return 1\n        finally:\n            g()\n", "f");
    // The return value is kept on the stack (SWAP) while finally's body and the with's
    // __exit__(None, None, None) run, then returned.
    size_t ret = code.find("LOAD_CONST 1\n");
    size_t fin = code.find("LOAD_GLOBAL g", ret);
    size_t exit_call = code.find("CALL 3", fin);
    size_t returned = code.find("RETURN_VALUE", exit_call);
    CHECK(ret != std::string::npos);
    CHECK(fin != std::string::npos);
    CHECK(exit_call != std::string::npos);
    CHECK(returned != std::string::npos);
}

TEST_CASE("generator: yield and yield from") {
    Compiled c = compile("def g():\n    yield 1\n    yield from h()\n");
    REQUIRE(c.code);
    const CodeObject* g = find_code(*c.code, "g");
    CHECK(g->is_generator());
    CHECK(dis(*g) == "0 LOAD_CONST 1\n1 YIELD_VALUE 0\n2 POP_TOP 0\n3 LOAD_GLOBAL h\n4 CALL 0\n"
                     "5 GET_YIELD_FROM_ITER 0\n6 YIELD_FROM 0\n7 POP_TOP 0\n8 LOAD_CONST None\n9 RETURN_VALUE 0\n");
}

TEST_CASE("calls: star arguments, keywords, methods") {
    CHECK(dis_of("f(*a, k=1, **kw)\n") ==
          "0 LOAD_GLOBAL f\n1 BUILD_LIST 0\n2 LOAD_GLOBAL a\n3 LIST_EXTEND 1\n4 LIST_TO_TUPLE 0\n"
          "5 BUILD_MAP 0\n6 LOAD_CONST 'k'\n7 LOAD_CONST 1\n8 BUILD_MAP 1\n9 DICT_MERGE 1\n"
          "10 LOAD_GLOBAL kw\n11 DICT_MERGE 1\n12 CALL_EX 1\n13 POP_TOP 0\n14 LOAD_CONST None\n15 RETURN_VALUE 0\n");
    CHECK(dis_of("o.m(1, k=2)\n") ==
          "0 LOAD_GLOBAL o\n1 LOAD_METHOD m\n2 LOAD_CONST 1\n3 LOAD_CONST 2\n4 LOAD_CONST ('k',)\n"
          "5 CALL_METHOD_KW 2\n6 POP_TOP 0\n7 LOAD_CONST None\n8 RETURN_VALUE 0\n");
    CHECK(dis_of("f(1, x=2)\n").find("LOAD_CONST ('x',)\n4 CALL_KW 2\n") != std::string::npos);
}

TEST_CASE("f-string with a nested format spec") {
    CHECK(dis_of("s = f'{x!r:>{w}}'\n") ==
          "0 LOAD_GLOBAL x\n1 LOAD_CONST '>'\n2 LOAD_GLOBAL w\n3 FORMAT_VALUE 0\n4 BUILD_STRING 2\n"
          "5 FORMAT_VALUE 6\n6 STORE_GLOBAL s\n7 LOAD_CONST None\n8 RETURN_VALUE 0\n");
}

TEST_CASE("with: __exit__(None, None, None) on the normal path, WITH_EXCEPT_START on the error path") {
    CHECK(dis_of("with open() as f:\n    pass\n") ==
          "0 LOAD_GLOBAL open\n1 CALL 0\n2 BEFORE_WITH 0\n3 SETUP_WITH ->12\n4 STORE_GLOBAL f\n5 POP_BLOCK 0\n"
          "6 LOAD_CONST None\n7 LOAD_CONST None\n8 LOAD_CONST None\n9 CALL 3\n10 POP_TOP 0\n11 JUMP ->19\n"
          "12 PUSH_EXC_INFO 0\n13 WITH_EXCEPT_START 0\n14 POP_JUMP_IF_TRUE ->16\n15 RERAISE 0\n16 POP_TOP 0\n"
          "17 POP_EXCEPT 0\n18 POP_TOP 0\n19 LOAD_CONST None\n20 RETURN_VALUE 0\n");
}

TEST_CASE("async with awaits __aenter__ and both __aexit__ calls") {
    std::string code = dis_of("async def f():\n    async with a as b:\n        pass\n", "f");
    CHECK(code == "0 LOAD_GLOBAL a\n1 BEFORE_ASYNC_WITH 0\n2 GET_AWAITABLE 0\n3 YIELD_FROM 0\n4 SETUP_WITH ->15\n"
                  "5 STORE_FAST b\n6 POP_BLOCK 0\n7 LOAD_CONST None\n8 LOAD_CONST None\n9 LOAD_CONST None\n"
                  "10 CALL 3\n11 GET_AWAITABLE 0\n12 YIELD_FROM 0\n13 POP_TOP 0\n14 JUMP ->24\n"
                  "15 PUSH_EXC_INFO 0\n16 WITH_EXCEPT_START 0\n17 GET_AWAITABLE 0\n18 YIELD_FROM 0\n"
                  "19 POP_JUMP_IF_TRUE ->21\n20 RERAISE 0\n21 POP_TOP 0\n22 POP_EXCEPT 0\n23 POP_TOP 0\n"
                  "24 LOAD_CONST None\n25 RETURN_VALUE 0\n");
}

TEST_CASE("async for: GET_ANEXT under a handler that END_ASYNC_FOR closes") {
    CHECK(dis_of("async def f():\n    async for x in a:\n        pass\n", "f") ==
          "0 LOAD_GLOBAL a\n1 GET_AITER 0\n2 SETUP_FINALLY ->8\n3 GET_ANEXT 0\n4 YIELD_FROM 0\n"
          "5 POP_BLOCK 0\n6 STORE_FAST x\n7 JUMP ->2\n8 END_ASYNC_FOR 0\n9 LOAD_CONST None\n10 RETURN_VALUE 0\n");
}

TEST_CASE("lambda: a function code object returning its expression") {
    CHECK(dis_of("lambda x, y=1: x + y\n", "<lambda>") == "0 LOAD_FAST x\n1 LOAD_FAST y\n2 BINARY_OP 0\n3 RETURN_VALUE 0\n");
}

TEST_CASE("dict display with ** and slice assignment, del subscript") {
    CHECK(dis_of("d = {'a': 1, **e}\n") ==
          "0 BUILD_MAP 0\n1 LOAD_CONST 'a'\n2 LOAD_CONST 1\n3 BUILD_MAP 1\n4 DICT_UPDATE 1\n"
          "5 LOAD_GLOBAL e\n6 DICT_UPDATE 1\n7 STORE_GLOBAL d\n8 LOAD_CONST None\n9 RETURN_VALUE 0\n");
    CHECK(dis_of("x[1:2] = y\ndel x[0]\n") ==
          "0 LOAD_GLOBAL y\n1 LOAD_GLOBAL x\n2 LOAD_CONST 1\n3 LOAD_CONST 2\n4 BUILD_SLICE 2\n5 STORE_SUBSCR 0\n"
          "6 LOAD_GLOBAL x\n7 LOAD_CONST 0\n8 DELETE_SUBSCR 0\n9 LOAD_CONST None\n10 RETURN_VALUE 0\n");
}

TEST_CASE("imports and assert") {
    CHECK(dis_of("import asyncio as aio\nfrom asyncio import sleep as s\n") ==
          "0 IMPORT_NAME asyncio\n1 STORE_GLOBAL aio\n2 IMPORT_NAME asyncio\n3 IMPORT_FROM sleep\n"
          "4 STORE_GLOBAL s\n5 POP_TOP 0\n6 LOAD_CONST None\n7 RETURN_VALUE 0\n");
    CHECK(dis_of("assert x, 'm'\n") ==
          "0 LOAD_GLOBAL x\n1 POP_JUMP_IF_TRUE ->6\n2 LOAD_ASSERTION_ERROR 0\n3 LOAD_CONST 'm'\n4 CALL 1\n"
          "5 RAISE_VARARGS 1\n6 LOAD_CONST None\n7 RETURN_VALUE 0\n");
}

TEST_CASE("line table: each instruction carries its statement's line") {
    Compiled c = compile("a = 1\n\nb = 2\n");
    REQUIRE(c.code);
    CHECK(c.code->line_at(0) == 1);
    CHECK(c.code->line_at(2) == 3);
    CHECK(c.code->lines.size() == c.code->code.size());
}

TEST_CASE("stack depth covers the deepest expression") {
    Compiled c = compile("x = f(1, 2, 3, (4, 5, 6))\n");
    REQUIRE(c.code);
    // f, 1, 2, 3, 4, 5, 6 on the stack at once.
    CHECK(c.code->max_stack >= 7);
}

// Errors: message and position as CPython 3.13's compile() reports them
// (SyntaxError.lineno / offset), formatted as `tasklensd run` prints them.
TEST_CASE("compile errors: CPython's messages at CPython's positions") {
    struct Case {
        const char* source;
        const char* first_line;
    };
    const Case cases[] = {
        {"return 1\n", "test.py:1:1: SyntaxError: 'return' outside function"},
        {"def f():\n    x = 1\n    global x\n", "test.py:3:5: SyntaxError: name 'x' is assigned to before global declaration"},
        {"def f(a):\n    global a\n", "test.py:2:5: SyntaxError: name 'a' is parameter and global"},
        {"nonlocal x\n", "test.py:1:1: SyntaxError: nonlocal declaration not allowed at module level"},
        {"def f():\n    def g():\n        nonlocal q\n", "test.py:3:9: SyntaxError: no binding for nonlocal 'q' found"},
        {"for i in r:\n    pass\nbreak\n", "test.py:3:1: SyntaxError: 'break' outside loop"},
        {"continue\n", "test.py:1:1: SyntaxError: 'continue' not properly in loop"},
        {"await x\n", "test.py:1:1: SyntaxError: 'await' outside function"},
        {"def f():\n    await x\n", "test.py:2:5: SyntaxError: 'await' outside async function"},
        {"def f():\n    async with a:\n        pass\n", "test.py:2:5: SyntaxError: 'async with' outside async function"},
        {"def f():\n    async for x in y:\n        pass\n", "test.py:2:5: SyntaxError: 'async for' outside async function"},
        {"yield 1\n", "test.py:1:1: SyntaxError: 'yield' outside function"},
        {"async def f():\n    yield from g()\n", "test.py:2:5: SyntaxError: 'yield from' inside async function"},
        {"async def f():\n    yield 1\n    return 2\n", "test.py:3:5: SyntaxError: 'return' with value in async generator"},
        {"def f():\n    return [x async for x in y]\n", "test.py:2:12: SyntaxError: asynchronous comprehension outside of an asynchronous function"},
        {"a, *b, *c = d\n", "test.py:1:1: SyntaxError: multiple starred expressions in assignment"},
        {"try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n", "test.py:3:1: SyntaxError: default 'except:' must be last"},
        {"for x in y:\n    try:\n        pass\n    except* ValueError:\n        break\n",
         "test.py:5:9: SyntaxError: 'break', 'continue' and 'return' cannot appear in an except* block"},
        {"def f():\n    x = [await y for y in z]\n", "test.py:2:9: SyntaxError: asynchronous comprehension outside of an asynchronous function"},
        {"*a = b\n", "test.py:1:1: SyntaxError: starred assignment target must be in a list or tuple"},
        {"f(x) += 1\n", "test.py:1:1: SyntaxError: 'function call' is an illegal expression for augmented assignment"},
    };
    for (const Case& k : cases) {
        std::string source = k.source;
        CAPTURE(source);
        std::string err = error_of(k.source);
        CHECK(err.substr(0, err.find('\n')) == k.first_line);
    }
}

TEST_CASE("compile errors carry the offending line and a caret") {
    CHECK(error_of("def f():\n    x = 1\n    global x\n") ==
          "test.py:3:5: SyntaxError: name 'x' is assigned to before global declaration\n"
          "        global x\n"
          "        ^\n");
}

// Constructs CPython accepts but the scenario language refuses: a clear message at the
// construct, before anything runs.
TEST_CASE("unsupported constructs are compile errors at their position") {
    CHECK(error_of("from . import x\n").rfind("test.py:1:1: SyntaxError: relative imports are not supported in tasklens scenarios\n", 0) == 0);
    CHECK(error_of("class A(metaclass=M):\n    pass\n").rfind("test.py:1:9: SyntaxError: metaclasses are not supported in tasklens scenarios\n", 0) == 0);
    CHECK(error_of("x = 99999999999999999999999\n").rfind(
              "test.py:1:5: SyntaxError: integer literal 99999999999999999999999 does not fit in 64 bits", 0) == 0);
    CHECK(error_of("f = lambda: (yield)\n").rfind("test.py:1:", 0) == 0);
}

TEST_CASE("async generator: both flags, each yield's value goes through the wrapper") {
    Compiled c = compile("async def ag():\n    await s()\n    yield 1\n");
    REQUIRE(c.code);
    const CodeObject* ag = find_code(*c.code, "ag");
    REQUIRE(ag);
    CHECK(ag->is_generator());
    CHECK(ag->is_coroutine());
    CHECK(dis(*ag) == "0 LOAD_GLOBAL s\n1 CALL 0\n2 GET_AWAITABLE 0\n3 YIELD_FROM 0\n4 POP_TOP 0\n"
                      "5 LOAD_CONST <built-in function async_gen_wrap>\n6 LOAD_CONST 1\n7 CALL 1\n8 YIELD_VALUE 0\n"
                      "9 POP_TOP 0\n10 LOAD_CONST None\n11 RETURN_VALUE 0\n");
    // A plain generator's yield is not wrapped.
    CHECK(dis_of("def g():\n    yield 1\n", "g").find("async_gen_wrap") == std::string::npos);
}

TEST_CASE("async list comprehension: GET_AITER outside, the async-for loop inside, awaited") {
    const char* src = "async def f():\n    return [x async for x in a]\n";
    CHECK(dis_of(src, "f") == "0 LOAD_CONST <code f.<locals>.<listcomp>>\n1 MAKE_FUNCTION 0\n2 LOAD_GLOBAL a\n"
                              "3 GET_AITER 0\n4 CALL 1\n5 GET_AWAITABLE 0\n6 YIELD_FROM 0\n7 RETURN_VALUE 0\n"
                              "8 LOAD_CONST None\n9 RETURN_VALUE 0\n");
    CHECK(dis_of(src, "f.<locals>.<listcomp>") ==
          "0 BUILD_LIST 0\n1 LOAD_FAST .0\n2 SETUP_FINALLY ->10\n3 GET_ANEXT 0\n4 YIELD_FROM 0\n5 POP_BLOCK 0\n"
          "6 STORE_FAST x\n7 LOAD_FAST x\n8 LIST_APPEND 2\n9 JUMP ->2\n10 END_ASYNC_FOR 0\n11 RETURN_VALUE 0\n");
    Compiled c = compile(src);
    REQUIRE(c.code);
    const CodeObject* lc = find_code(*c.code, "f.<locals>.<listcomp>");
    CHECK(lc->is_coroutine());
    CHECK_FALSE(lc->is_generator());
}

TEST_CASE("async generator expression: an async generator, not awaited where it stands") {
    Compiled c = compile("def f():\n    return (x async for x in a)\n");
    REQUIRE(c.code);
    const CodeObject* ge = find_code(*c.code, "f.<locals>.<genexpr>");
    REQUIRE(ge);
    CHECK(ge->is_generator());
    CHECK(ge->is_coroutine());
    std::string f = dis(*find_code(*c.code, "f"));
    CHECK(f.find("GET_AITER") != std::string::npos);
    CHECK(f.find("GET_AWAITABLE") == std::string::npos);
    CHECK(dis(*ge).find("LOAD_CONST <built-in function async_gen_wrap>") != std::string::npos);
}

}  // TEST_SUITE
