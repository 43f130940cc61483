# Async generators: async for, __anext__/asend by hand, StopAsyncIteration at the end,
# awaits between yields, and the value of the yield expression.
import asyncio


async def countdown(n):
    while n > 0:
        await asyncio.sleep(0.1)
        yield n
        n -= 1
    print("countdown finished")


async def echo():
    received = []
    value = yield "ready"
    while value is not None:
        received.append(value)
        value = yield f"got {value}"
    print("echo received", received)


async def main():
    async for n in countdown(3):
        print("tick", n)

    gen = countdown(1)
    print(gen.__aiter__() is gen)
    print(await gen.__anext__())
    try:
        await gen.__anext__()
    except StopAsyncIteration as e:
        print("StopAsyncIteration", repr(e))
    try:
        await gen.__anext__()
    except StopAsyncIteration:
        print("still exhausted")

    e = echo()
    print(await e.asend(None))
    print(await e.asend("a"))
    print(await e.asend("b"))
    try:
        await e.asend(None)
    except StopAsyncIteration:
        print("echo done")


if __name__ == "__main__":
    asyncio.run(main())
