# The parent is cancelled, its body cleans up (awaits) and a child fails meanwhile: the
# result is an ExceptionGroup, not CancelledError. Port of test_taskgroup_15.
# differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def crash_soon():
    await asyncio.sleep(0.3)
    1 / 0


async def runner():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_soon())
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            await asyncio.sleep(0.5)
            raise


async def main():
    r = asyncio.create_task(runner())
    await asyncio.sleep(0.1)
    r.cancel()
    try:
        await r
    except ExceptionGroup as eg:
        print("ExceptionGroup", [type(e).__name__ for e in eg.exceptions])
    except asyncio.CancelledError:
        print("CancelledError")


if __name__ == "__main__":
    asyncio.run(main())
