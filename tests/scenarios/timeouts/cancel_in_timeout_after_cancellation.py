# A fresh cancel inside a timeout, after an earlier cancellation was caught, stays a
# CancelledError. Port of test_cancel_in_timeout_after_cancellation (test_timeouts.py).
import asyncio


async def main():
    try:
        asyncio.current_task().cancel()
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("first cancel caught")
    finally:
        try:
            async with asyncio.timeout(1.0):
                asyncio.current_task().cancel()
                await asyncio.sleep(2)
        except asyncio.CancelledError:
            print("second cancel: CancelledError")
        except TimeoutError:
            print("second cancel: TimeoutError")
    print("cancelling =", asyncio.current_task().cancelling())


if __name__ == "__main__":
    asyncio.run(main())
