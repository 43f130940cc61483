# Cancelling the parent while its body sleeps inside the group: body and children are
# cancelled. Port of test_taskgroup_07 (test_taskgroups.py).
import asyncio

NUM = 0


async def foo():
    global NUM
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        NUM += 1
        raise


async def runner():
    global NUM
    async with asyncio.TaskGroup() as g:
        for _ in range(5):
            g.create_task(foo())
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            NUM += 10
            raise


async def main():
    r = asyncio.create_task(runner())
    await asyncio.sleep(0.1)
    r.cancel()
    try:
        await r
    except asyncio.CancelledError:
        print("runner cancelled")
    print("NUM =", NUM)


if __name__ == "__main__":
    asyncio.run(main())
