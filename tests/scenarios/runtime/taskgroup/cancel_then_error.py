# test_taskgroup_15 / _18: the parent is cancelled from outside and then a child fails (or
# the body raises instead of re-raising CancelledError): errors take priority.
import asyncio


async def crash_soon():
    await asyncio.sleep(0.3)
    1 / 0


async def slow_cleanup():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_soon())
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            await asyncio.sleep(0.5)
            raise


class MyExc(Exception):
    pass


async def raise_instead():
    async with asyncio.TaskGroup():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            raise MyExc


async def main():
    for fn in (slow_cleanup, raise_instead):
        r = asyncio.create_task(fn())
        await asyncio.sleep(0.1)
        r.cancel()
        try:
            await r
        except ExceptionGroup as eg:
            print(fn.__name__, [type(e).__name__ for e in eg.exceptions])
