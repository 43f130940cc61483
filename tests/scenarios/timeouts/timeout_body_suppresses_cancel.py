# The body swallows the timeout's CancelledError and finishes: no TimeoutError, but the
# timeout still reports expired.
import asyncio


async def main():
    async with asyncio.timeout(1) as cm:
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError:
            print("swallowed")
        await asyncio.sleep(0.5)
    print("expired:", cm.expired(), "cancelling:", asyncio.current_task().cancelling())


if __name__ == "__main__":
    asyncio.run(main())
