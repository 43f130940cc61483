# The builtins aiter() and anext() (with and without a default) over a class-based async
# iterator and an async generator, the generator's __name__/__qualname__/ag_running and
# repr (no address printed: ours differ).
import asyncio


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        await asyncio.sleep(0.1)
        return self.n


async def letters():
    yield "a"
    yield "b"


async def main():
    it = aiter(Countdown(2))
    print(await anext(it))
    print(await anext(it))
    print(await anext(it, "done"))
    g = letters()
    print(aiter(g) is g)
    print(await anext(g), await anext(g), await anext(g, None))
    try:
        await anext(g)
    except StopAsyncIteration:
        print("StopAsyncIteration")
    print(type(g).__name__, g.__name__, g.__qualname__, g.ag_running)
    print(repr(g).startswith("<async_generator object letters at 0x"))
    for bad in (lambda: aiter(1), lambda: anext(1)):
        try:
            bad()
        except TypeError as e:
            print("TypeError:", e)
