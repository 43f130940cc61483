# The parent is cancelled while __aexit__ waits for its children.
# Port of test_taskgroup_22 (test_taskgroups.py).
import asyncio


async def foo1():
    await asyncio.sleep(1)
    return 42


async def foo2():
    await asyncio.sleep(2)
    return 11


async def runner():
    async with asyncio.TaskGroup() as g:
        g.create_task(foo1())
        g.create_task(foo2())


async def main():
    r = asyncio.create_task(runner())
    await asyncio.sleep(0.05)
    r.cancel()
    try:
        await r
    except asyncio.CancelledError:
        print("runner cancelled")


if __name__ == "__main__":
    asyncio.run(main())
