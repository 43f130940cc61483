# test_taskgroup_03: cancelling one child explicitly does not abort the group.
import asyncio


async def foo(delay, value):
    await asyncio.sleep(delay)
    return value


async def main():
    async with asyncio.TaskGroup() as g:
        t1 = g.create_task(foo(1, 42))
        await asyncio.sleep(0.15)
        t1.cancel()
        t2 = g.create_task(foo(0.2, 11))
    print("t1 cancelled", t1.cancelled(), "t2", t2.result())
