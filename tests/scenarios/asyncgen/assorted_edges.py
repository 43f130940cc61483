# Assorted async-generator edges: aiter() on an object whose __aiter__ returns a non-iterator,
# anext() with a default over a plain awaitable-returning __anext__, aclose() twice, athrow(),
# a generator dropped by rebinding its name (finalizer -> aclose task), a module-level
# generator never iterated (no hooks, no task).
import asyncio

async def gen():
    try:
        yield 1
        yield 2
    finally:
        print("finally")

class Bad:
    def __aiter__(self):
        return 5

class Fut:
    def __anext__(self):
        return asyncio.sleep(0)

g0 = gen()

async def main():
    try:
        aiter(Bad())
    except TypeError as e:
        print(e)
    print(await anext(Fut(), 3))
    g = gen()
    await g.asend(None)
    loop = asyncio.get_running_loop()
    loop.call_soon(lambda: print(type(g).__name__))
    await g.aclose()
    await g.aclose()
    g3 = gen()
    await anext(g3)
    try:
        await g3.athrow(ValueError("x"))
    except ValueError as e:
        print("athrow", e)
    g4 = gen()
    await anext(g4)
    await anext(g4)
    g4 = None
    await asyncio.sleep(0)
    print(anext, aiter)
