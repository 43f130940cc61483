# The body answers a cancellation by raising another exception: ExceptionGroup.
# Port of test_taskgroup_18 (test_taskgroups.py). differs: 3.11/3.12 vs 3.13/3.14
import asyncio


class MyExc(Exception):
    pass


async def runner():
    async with asyncio.TaskGroup():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            raise MyExc


async def main():
    r = asyncio.create_task(runner())
    await asyncio.sleep(0.1)
    r.cancel()
    try:
        await r
    except ExceptionGroup as eg:
        print("ExceptionGroup", [type(e).__name__ for e in eg.exceptions])
    print("r.cancelling():", r.cancelling())


if __name__ == "__main__":
    asyncio.run(main())
