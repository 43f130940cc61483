#!/usr/bin/env python3
# Regenerates the CPython-expectation cases of tests/unit/vm_test.cpp: run under CPython 3.13
# (`/root/.pyenv/versions/3.13.0/bin/python3 tests/unit/gen/gen_vm_cases.py > cases.cpp`), it runs each
# snippet, captures its output (an uncaught exception as traceback's last line) and prints
# one doctest case per snippet. The limit tests at the end of vm_test.cpp are hand-written.
CASES = [
("arithmetic and numeric repr", r'''
print(7 // 2, -7 // 2, 7 % -3, 2 ** 10, 1 / 3, 0.1 + 0.2, 1e16, 1.5e-7, -0.0)
print(int("42") + 1, float("2.5"), round(2.675, 2), round(3.5), abs(-4), divmod(17, 5))
print(10 / 4, 3 * 1.0, True + True, 7 & 3, 7 | 8, 1 << 10, ~5)
'''),
("strings and methods", r'''
s = "Hello, World"
print(s.lower(), s.upper(), s.split(", "), "-".join(["a", "b", "c"]))
print(s[::-1], s[1:5], s.find("o"), s.replace("l", "L", 2), s.startswith("He"))
print(repr("it's"), repr('say "hi"'), len(s), "x" * 3, "  pad ".strip() + "|")
'''),
("f-strings with format specs", r'''
x = 3.14159
n = 42
name = "tl"
print(f"{x:.2f} {n:5d}|{n:<5}|{n:^7}|{name!r} {n:x} {n:08b} {x:10.3e} {1234567:,}")
w = 8
print(f"{name:>{w}}|{n=}|{x!s}")
'''),
("lists, tuples, slicing and sorting", r'''
a = [5, 3, 8, 1]
a.append(9)
a.insert(0, 7)
b = sorted(a, key=lambda v: -v)
print(a, b, a[1:-1], a[::2], tuple(a[:2]), a.index(8), a.pop(), a)
a[1:3] = [0, 0, 0]
del a[0]
print(a, list(reversed(a)), min(a), max(a), sum(a), [1, 2] + [3], (1,) * 3)
'''),
("dicts and sets", r'''
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, list(d.keys()), list(d.items()), d.get("z", 0), "a" in d, len(d))
print(d.pop("b"), d, {k: v * 2 for k, v in d.items()}, dict(x=1, y=2))
s = {3, 1, 2}
s.add(2)
print(sorted(s), s & {1, 5}, sorted(s | {9}), s - {1}, {1, 2} <= {1, 2, 3})
'''),
("comprehensions and generator expressions", r'''
print([x * y for x in range(3) for y in range(3) if x != y])
print({x % 3 for x in range(10)}, {x: x * x for x in range(4)})
print(sum(x for x in range(101)), list(zip("abc", range(3))), list(enumerate("xy", 1)))
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
'''),
("closures and nonlocal", r'''
def counter():
    n = 0
    def inc(by=1):
        nonlocal n
        n += by
        return n
    return inc
c = counter()
c(); c(5)
print(c(), c.__name__)
def make_adders():
    return [lambda x, k=k: x + k for k in range(3)]
print([f(10) for f in make_adders()])
'''),
("function arguments", r'''
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))
print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, e=6, d=7))
print(f(*[1, 2], **{"c": 9, "z": 0}))
try:
    f(1)
except TypeError as e:
    print(e)
try:
    f(1, c=1, a=2)
except TypeError as e:
    print(e)
'''),
("generators: send, throw, close, return value", r'''
def gen():
    try:
        x = yield 1
        print("got", x)
        y = yield x * 2
        return y
    finally:
        print("cleanup")
g = gen()
print(next(g), g.send(5))
try:
    g.send("done")
except StopIteration as e:
    print("stop", e.value)
def deleg():
    r = yield from gen()
    print("delegated result", r)
g2 = deleg()
next(g2)
try:
    g2.throw(ValueError("boom"))
except ValueError as e:
    print("thrown back", e)
g3 = gen()
next(g3)
g3.close()
print(list(range(3)), list(x for x in gen() if x))
'''),
("classes, inheritance, super and dunders", r'''
class Base:
    count = 0
    def __init__(self, name):
        self.name = name
        Base.count += 1
    def describe(self):
        return "Base " + self.name
    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"
class Child(Base):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def describe(self):
        return super().describe() + f" aged {self.age}"
    def __eq__(self, other):
        return isinstance(other, Child) and other.age == self.age
    def __lt__(self, other):
        return self.age < other.age
c = Child("x", 3)
print(c.describe(), repr(c), Base.count, c == Child("y", 3), sorted([Child("a", 5), c]))
print(isinstance(c, Base), issubclass(Child, Base), type(c).__name__, Child.__mro__[1].__name__)
'''),
("properties, staticmethod, classmethod", r'''
class T:
    def __init__(self):
        self._v = 1
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, x):
        self._v = x * 10
    @staticmethod
    def s(a):
        return a + 1
    @classmethod
    def c(cls):
        return cls.__name__
t = T()
t.v = 4
print(t.v, T.s(1), t.s(2), T.c(), t.c())
'''),
("exceptions: hierarchy, chaining, finally", r'''
class AppError(Exception):
    pass
def f():
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise AppError("wrapped") from e
try:
    f()
except Exception as e:
    print(type(e).__name__, e, type(e.__cause__).__name__, e.__cause__, e.__suppress_context__)
try:
    try:
        {}["k"]
    except KeyError:
        raise ValueError("v")
except ValueError as e:
    print(repr(e), repr(e.__context__))
def g():
    try:
        return "try"
    finally:
        print("finally runs")
print(g())
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("fin", i)
'''),
("exception groups and except*", r'''
try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3)])
except* ValueError as g:
    print("values", repr(g), g.exceptions)
except* TypeError as g:
    print("types", g.exceptions)
eg = ExceptionGroup("outer", [KeyError("k"), ExceptionGroup("inner", [OSError("o")])])
match, rest = eg.split(KeyError)
print(repr(match), repr(rest))
print(eg.subgroup(lambda e: isinstance(e, OSError)))
'''),
("with statement protocol", r'''
class CM:
    def __init__(self, swallow):
        self.swallow = swallow
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None, v)
        return self.swallow
with CM(True) as c:
    raise ValueError("inside")
print("after swallow", c.swallow)
try:
    with CM(False):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e))
'''),
("loops with else, while, break", r'''
for n in range(2, 12):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, end=" ")
print()
i = 0
while i < 10:
    i += 3
else:
    print("while else", i)
print(*range(3), sep=", ", end=".\n")
'''),
("builtins", r'''
print(len([1, 2]), any([0, 1]), all([]), list(map(str, [1, 2])), list(filter(None, [0, 1, 2])))
print(hasattr([], "append"), getattr(3, "real"), str(None), bool(""), int(3.9), int("-12"))
print(repr(1.0), repr(1e100), repr(float("inf")), str(True), hash(1) == hash(1.0), type(1.5).__name__)
print(next(iter([1])), next(iter([]), "default"), list(range(10, 0, -3)), max("abc", key=ord))
'''),
("recursion", r'''
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(20))
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print("RecursionError", e)
'''),
("uncaught ZeroDivisionError", r'''
print("before")
x = 1 // 0
'''),
("uncaught NameError", r'''
def f():
    return undefined_name
f()
'''),
("uncaught AttributeError", r'''
class A:
    pass
A().missing
'''),
("uncaught custom exception", r'''
class Boom(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
raise Boom(7)
'''),
("TypeError messages", r'''
for expr in [lambda: 1 + "a", lambda: len(5), lambda: [1][2], lambda: None(), lambda: {}[[]]]:
    try:
        expr()
    except Exception as e:
        print(type(e).__name__ + ":", e)
'''),
("asyncio: tasks, sleep, gather", r'''
import asyncio
async def work(name, d):
    await asyncio.sleep(d)
    print("done", name, asyncio.get_running_loop().time() >= d)
    return name * 2
async def main():
    t = asyncio.create_task(work("a", 0.2), name="ta")
    r = await asyncio.gather(work("b", 0.1), t)
    print(r, t.get_name(), t.done(), t.result())
asyncio.run(main())
'''),
("asyncio: cancellation", r'''
import asyncio
async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("cancelled with", e.args)
        raise
async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t.cancel("stop")
    try:
        await t
    except asyncio.CancelledError:
        print("main saw cancel", t.cancelled(), t.cancelling())
asyncio.run(main())
'''),
("asyncio: timeout and TaskGroup", r'''
import asyncio
async def main():
    try:
        async with asyncio.timeout(0.1):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timed out")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(asyncio.sleep(1))
            async def bad():
                raise ValueError("bad")
            tg.create_task(bad())
    except* ValueError as eg:
        print("group", eg.exceptions)
asyncio.run(main())
'''),
("async with and async for over protocol objects", r'''
import asyncio
class Ticker:
    def __init__(self, n):
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await asyncio.sleep(0)
        return self.n
class Res:
    async def __aenter__(self):
        print("acquire")
        return "r"
    async def __aexit__(self, *exc):
        print("release", exc[0])
async def main():
    async with Res() as r:
        async for v in Ticker(3):
            print(r, v)
asyncio.run(main())
'''),
("walrus, conditional expression, chained comparisons", r'''
data = [3, 8, 1, 9]
if (n := len(data)) > 3:
    print("long", n)
print(["big" if v > 5 else "small" for v in data], 1 < 2 < 3, 3 > 2 > 2, 1 == 1.0 != 2)
print([y for x in data if (y := x * 2) > 6], y)
'''),
("global statement and del", r'''
total = 0
def add(n):
    global total
    total += n
add(3); add(4)
print(total)
x = 5
del x
try:
    print(x)
except NameError as e:
    print(e)
'''),
("unpacking", r'''
a, (b, c), *d = 1, (2, 3), 4, 5
print(a, b, c, d)
first, *mid, last = "abcde"
print(first, mid, last)
x, y = y, x = 1, 2
print(x, y)
print([*range(2), *"ab"], {**{"a": 1}, "b": 2})
'''),
("async generators: async for, asend, athrow, aclose", r'''
import asyncio
async def agen():
    try:
        x = yield 1
        print("sent", x)
        try:
            yield 2
        except KeyError as e:
            print("caught", repr(e))
            yield 3
    finally:
        print("agen finally")
async def main():
    print([v async for v in agen()])
    g = agen()
    print(await g.asend(None), await g.asend("hello"), await g.athrow(KeyError("k")))
    print(await g.aclose())
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted")
asyncio.run(main())
'''),
("async generator errors", r'''
import asyncio
async def raises_stop():
    yield 1
    raise StopAsyncIteration
async def ignores_exit():
    while True:
        try:
            yield 0
        except GeneratorExit:
            pass
async def main():
    try:
        async for v in raises_stop():
            print(v)
    except RuntimeError as e:
        print("RuntimeError:", e, type(e.__cause__).__name__)
    g = ignores_exit()
    await g.__anext__()
    try:
        await g.aclose()
    except RuntimeError as e:
        print("RuntimeError:", e)
    a = g.__anext__()
    print(type(a).__name__)
asyncio.run(main())
'''),
]

import contextlib, io, json, traceback


def expected(src):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            exec(compile(src, "test.py", "exec"), {"__name__": "__main__"})
        except BaseException as e:
            print("".join(traceback.format_exception_only(e)).rstrip("\n"))
    return buf.getvalue()


def raw(s):
    return 'R"~(' + s + ')~"'


if __name__ == "__main__":
    for name, src in CASES:
        src = src.lstrip("\n")
        print('TEST_CASE(%s) {\n    CHECK(output_of(%s) ==\n          %s);\n}\n' % (json.dumps(name), raw(src), raw(expected(src))))
