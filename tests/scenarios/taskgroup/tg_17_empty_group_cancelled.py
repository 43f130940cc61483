# An empty group whose body is cancelled propagates CancelledError.
# Port of test_taskgroup_17 (test_taskgroups.py).
import asyncio


async def runner():
    async with asyncio.TaskGroup():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("body cancelled")
            raise


async def main():
    r = asyncio.create_task(runner())
    await asyncio.sleep(0.1)
    r.cancel()
    try:
        await r
    except asyncio.CancelledError:
        print("runner cancelled")


if __name__ == "__main__":
    asyncio.run(main())
