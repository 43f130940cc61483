# athrow() and aclose() on async generators: an exception thrown in at the yield, a
# generator that handles it and yields again, aclose() running finally (which may
# await), aclose() on a generator that never started, and one that ignores GeneratorExit.
import asyncio


async def resilient():
    n = 0
    while True:
        try:
            yield n
        except ValueError as e:
            print("resilient caught", e)
            n += 100
        n += 1


async def with_cleanup():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup starts")
        await asyncio.sleep(0.5)
        print("cleanup done")


async def stubborn():
    try:
        yield "first"
    except GeneratorExit:
        print("stubborn got GeneratorExit")
        yield "refuses"


async def never_started():
    print("this never prints")
    yield 0


async def main():
    g = resilient()
    print(await g.__anext__())
    print(await g.__anext__())
    print(await g.athrow(ValueError("bad value")))
    print(await g.__anext__())
    try:
        await g.athrow(KeyError("k"))
    except KeyError as e:
        print("athrow propagated", repr(e))
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("resilient is finished")

    c = with_cleanup()
    print(await c.__anext__())
    print("aclose returns", await c.aclose())
    print("second aclose returns", await c.aclose())

    s = stubborn()
    print(await s.__anext__())
    try:
        await s.aclose()
    except RuntimeError as e:
        print("RuntimeError", e)

    n = never_started()
    print("aclose of unstarted returns", await n.aclose())
    try:
        await n.__anext__()
    except StopAsyncIteration:
        print("closed before it started")


if __name__ == "__main__":
    asyncio.run(main())
