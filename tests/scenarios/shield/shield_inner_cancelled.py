# Cancelling the inner task cancels the shield's outer future as well.
import asyncio


async def inner():
    await asyncio.sleep(10)


async def main():
    it = asyncio.create_task(inner())
    s = asyncio.shield(it)
    await asyncio.sleep(0)
    it.cancel()
    try:
        await s
    except asyncio.CancelledError:
        print("shield cancelled:", s.cancelled(), "inner cancelled:", it.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
