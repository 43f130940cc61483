# Cancelling the task that runs a TaskGroup cancels all five children.
# Port of test_cancellation (test_taskgroups.py).
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
    async with asyncio.TaskGroup() as g:
        for _ in range(5):
            g.create_task(foo())


async def main():
    r = asyncio.create_task(runner())
    await asyncio.sleep(0.1)
    print("done before cancel:", r.done())
    r.cancel()
    try:
        await r
    except asyncio.CancelledError:
        print("runner cancelled")
    print("NUM =", NUM)


if __name__ == "__main__":
    asyncio.run(main())
