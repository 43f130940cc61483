# test_cancellation / test_taskgroup_07 / _17 / _22: the parent is cancelled from outside,
# once while __aexit__ waits, once while the body sleeps, once with no children.
import asyncio


async def foo(tag):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print(tag, "child cancelled")
        raise


async def waiting_in_aexit():
    async with asyncio.TaskGroup() as g:
        for _ in range(2):
            g.create_task(foo("aexit"))


async def sleeping_in_body():
    async with asyncio.TaskGroup() as g:
        for _ in range(2):
            g.create_task(foo("body"))
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("body cancelled")
            raise


async def no_children():
    async with asyncio.TaskGroup():
        await asyncio.sleep(10)


async def main():
    for fn in (waiting_in_aexit, sleeping_in_body, no_children):
        r = asyncio.create_task(fn())
        await asyncio.sleep(0.1)
        r.cancel()
        try:
            await r
        except asyncio.CancelledError:
            print(fn.__name__, "cancelled", r.cancelled())
