# Cancelling the task awaiting shield() leaves the inner task running to completion; its
# result is then retrievable from the inner task.
import asyncio


async def inner():
    await asyncio.sleep(2)
    print("inner finished")
    return 7


async def outer(t):
    return await asyncio.shield(t)


async def main():
    it = asyncio.create_task(inner())
    ot = asyncio.create_task(outer(it))
    await asyncio.sleep(1)
    ot.cancel()
    try:
        await ot
    except asyncio.CancelledError:
        print("outer cancelled; inner done:", it.done())
    print("inner result:", await it)


if __name__ == "__main__":
    asyncio.run(main())
