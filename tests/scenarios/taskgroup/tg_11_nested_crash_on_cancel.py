# Nested groups, the inner children crash while cancelled: an ExceptionGroup inside an
# ExceptionGroup. Port of test_taskgroup_11 (test_taskgroups.py).
# differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def foo():
    try:
        await asyncio.sleep(10)
    finally:
        1 / 0


async def runner():
    async with asyncio.TaskGroup():
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
        inner = eg.exceptions[0]
        print(type(inner).__name__, [type(e).__name__ for e in inner.exceptions])


if __name__ == "__main__":
    asyncio.run(main())
