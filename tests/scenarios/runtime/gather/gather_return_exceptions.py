# gather(return_exceptions=True): results in argument order, exceptions and a cancelled
# child's CancelledError('' or its message) collected as values; a repeated argument
# appears twice but is one child.
import asyncio


async def ok(n, d):
    await asyncio.sleep(d)
    return n


async def fail(d):
    await asyncio.sleep(d)
    raise ValueError("bad")


async def main():
    c = asyncio.create_task(ok(3, 2))
    d = asyncio.create_task(ok(4, 2))
    g = asyncio.gather(ok(1, 1), fail(0.5), c, c, d, return_exceptions=True)
    await asyncio.sleep(0)
    c.cancel()
    d.cancel("drop d")
    res = await g
    for r in res:
        print(type(r).__name__, r.args if isinstance(r, BaseException) else r)
