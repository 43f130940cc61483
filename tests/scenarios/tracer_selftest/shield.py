# shield(): cancelling the waiter leaves the shielded task running; cancelling the shielded
# task cancels the waiter (whose await then throws a CancelledError nobody requested).
import asyncio


async def inner(d):
    await asyncio.sleep(d)
    print("inner finished")
    return 42


async def waiter(t):
    try:
        return await asyncio.shield(t)
    except asyncio.CancelledError:
        print("waiter cancelled; inner cancelling =", t.cancelling())
        raise


async def main():
    t = asyncio.create_task(inner(2))
    w = asyncio.create_task(waiter(t))
    await asyncio.sleep(1)
    w.cancel("stop waiting")
    print("inner result:", await t)
    t2 = asyncio.create_task(inner(2))
    w2 = asyncio.create_task(waiter(t2))
    await asyncio.sleep(0.5)
    t2.cancel()
    try:
        await w2
    except asyncio.CancelledError:
        print("w2 cancelled because inner was; main cancelling =",
              asyncio.current_task().cancelling())


if __name__ == "__main__":
    asyncio.run(main())
