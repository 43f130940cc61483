# A child created after the body already awaited is still waited for.
# Port of test_taskgroup_02 (test_taskgroups.py).
import asyncio


async def foo1():
    await asyncio.sleep(0.1)
    return 42


async def foo2():
    await asyncio.sleep(0.2)
    return 11


async def main():
    async with asyncio.TaskGroup() as g:
        t1 = g.create_task(foo1())
        await asyncio.sleep(0.15)
        t2 = g.create_task(foo2())
    print(t1.result(), t2.result())


if __name__ == "__main__":
    asyncio.run(main())
