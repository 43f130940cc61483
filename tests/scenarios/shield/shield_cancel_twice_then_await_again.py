# The waiter catches the cancellation from a shield, uncancels and awaits the inner task
# directly.
import asyncio


async def inner():
    await asyncio.sleep(3)
    return "slow result"


async def waiter(it):
    try:
        return await asyncio.shield(it)
    except asyncio.CancelledError:
        asyncio.current_task().uncancel()
        print("shield interrupted, waiting for inner directly")
        return await it


async def main():
    it = asyncio.create_task(inner())
    w = asyncio.create_task(waiter(it))
    await asyncio.sleep(1)
    w.cancel()
    print(await w)


if __name__ == "__main__":
    asyncio.run(main())
