# aclose() racing with cancellation: a task awaiting aclose() (whose finally awaits) is
# cancelled while the generator's finally sleeps; the CancelledError goes into the
# generator's frame and out of aclose().
import asyncio


async def slow_close():
    try:
        yield 1
        yield 2
    finally:
        print("finally: start")
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print("finally: cancelled")
            raise
        print("finally: end")


async def closer(g):
    try:
        await g.aclose()
    except asyncio.CancelledError:
        print("closer: cancelled")
        raise


async def main():
    g = slow_close()
    print(await anext(g))
    t = asyncio.create_task(closer(g))
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("main: closer cancelled")
    print(g.ag_running, g.__name__, g.__qualname__)
    try:
        await anext(g)
    except StopAsyncIteration:
        print("exhausted")
    print(await anext(g, "dflt"))
