# After catching and uncancelling, a timeout in the cleanup behaves as in a fresh task.
import asyncio


async def main():
    me = asyncio.current_task()
    try:
        me.cancel()
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        me.uncancel()
    try:
        async with asyncio.timeout(0.5):
            await asyncio.sleep(1)
    except TimeoutError:
        print("TimeoutError, cancelling:", me.cancelling())


if __name__ == "__main__":
    asyncio.run(main())
