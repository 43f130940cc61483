# A task that swallows a cancellation keeps cancelling() == 1; a later timeout records that
# level on entry, so its own expiry still becomes TimeoutError and the count goes back to 1.
import asyncio


async def main():
    me = asyncio.current_task()
    me.cancel()
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError:
        print("swallowed, cancelling", me.cancelling())
    try:
        async with asyncio.timeout(1):
            await asyncio.sleep(2)
    except TimeoutError:
        print("TimeoutError")
    except asyncio.CancelledError:
        print("CancelledError")
    print("cancelling", me.cancelling())


if __name__ == "__main__":
    asyncio.run(main())
