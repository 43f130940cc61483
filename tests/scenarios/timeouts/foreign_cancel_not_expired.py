# A cancel from elsewhere inside an unexpired timeout stays a CancelledError.
# Port of test_foreign_cancel_doesnt_timeout_if_not_expired (test_timeouts.py).
import asyncio


async def main():
    try:
        async with asyncio.timeout(10) as cm:
            asyncio.current_task().cancel()
            await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("CancelledError")
    print("expired:", cm.expired(), "cancelling:", asyncio.current_task().cancelling())


if __name__ == "__main__":
    asyncio.run(main())
