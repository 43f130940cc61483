# As test 15 with the group one task deeper.
# Port of test_taskgroup_16 (test_taskgroups.py). differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def crash_soon():
    await asyncio.sleep(0.3)
    1 / 0


async def nested_runner():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_soon())
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            await asyncio.sleep(0.5)
            raise


async def runner():
    t = asyncio.create_task(nested_runner())
    await t


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
