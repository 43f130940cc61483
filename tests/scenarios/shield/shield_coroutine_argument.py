# shield(coro) wraps the coroutine in a task of its own (ensure_future); cancelling the
# waiter leaves it running.
import asyncio


async def work():
    await asyncio.sleep(1)
    print("work done")
    return "w"


async def waiter():
    return await asyncio.shield(work())


async def main():
    t = asyncio.create_task(waiter())
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("waiter cancelled")
    await asyncio.sleep(1)
    print("end")


if __name__ == "__main__":
    asyncio.run(main())
