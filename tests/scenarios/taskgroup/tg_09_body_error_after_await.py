# The body raises after awaiting: children are cancelled, ExceptionGroup raised.
# Port of test_taskgroup_09 (test_taskgroups.py).
import asyncio


async def foo1():
    await asyncio.sleep(1)
    return 42


async def foo2():
    await asyncio.sleep(2)
    return 11


async def main():
    try:
        async with asyncio.TaskGroup() as g:
            t1 = g.create_task(foo1())
            t2 = g.create_task(foo2())
            await asyncio.sleep(0.1)
            1 / 0
    except ExceptionGroup as eg:
        print("ExceptionGroup", [type(e).__name__ for e in eg.exceptions])
    print(t1.cancelled(), t2.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
