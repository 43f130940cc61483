# A failing child cancels its sibling and the group raises ExceptionGroup.
# Port of test_taskgroup_04 (test_taskgroups.py). differs: 3.11/3.12 vs 3.13/3.14
import asyncio

NUM = 0


async def foo1():
    await asyncio.sleep(0.1)
    1 / 0


async def foo2():
    global NUM
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("foo2 cancelled")
        raise
    NUM += 1


async def runner():
    global NUM
    async with asyncio.TaskGroup() as g:
        g.create_task(foo1())
        g.create_task(foo2())
    NUM += 10


async def main():
    try:
        await asyncio.create_task(runner())
    except ExceptionGroup as eg:
        print("ExceptionGroup", [type(e).__name__ for e in eg.exceptions])
    print("NUM =", NUM)


if __name__ == "__main__":
    asyncio.run(main())
