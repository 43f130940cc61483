# As test 11 with a sleeping child in the outer group.
# Port of test_taskgroup_12 (test_taskgroups.py). differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def foo():
    try:
        await asyncio.sleep(10)
    finally:
        1 / 0


async def runner():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(asyncio.sleep(10))
        async with asyncio.TaskGroup() as g2:
            for _ in range(5):
                g2.create_task(foo())
            await asyncio.sleep(10)


async def main():
    r = asyncio.create_task(runner())
    await asyncio.sleep(0.1)
    r.cancel()
    try:
        await r
    except ExceptionGroup as eg:
        print([type(e).__name__ for e in eg.exceptions])


if __name__ == "__main__":
    asyncio.run(main())
