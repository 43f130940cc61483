# Children that raise while being cancelled turn the parent's cancel into ExceptionGroup.
# Port of test_taskgroup_08 (test_taskgroups.py). differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def foo():
    try:
        await asyncio.sleep(10)
    finally:
        1 / 0


async def runner():
    async with asyncio.TaskGroup() as g:
        for _ in range(5):
            g.create_task(foo())
        await asyncio.sleep(10)


async def main():
    r = asyncio.create_task(runner())
    await asyncio.sleep(0.1)
    r.cancel()
    try:
        await r
    except ExceptionGroup as eg:
        print("ExceptionGroup of", len(eg.exceptions), type(eg.exceptions[0]).__name__)
    except asyncio.CancelledError:
        print("CancelledError")


if __name__ == "__main__":
    asyncio.run(main())
