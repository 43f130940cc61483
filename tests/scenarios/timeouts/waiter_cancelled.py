# The body sees the CancelledError of an expiring timeout before it becomes TimeoutError.
# Port of test_waiter_cancelled (test_timeouts.py).
import asyncio


async def main():
    try:
        async with asyncio.timeout(0.01):
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError as e:
                print("body got", type(e).__name__)
                raise
    except TimeoutError:
        print("TimeoutError")


if __name__ == "__main__":
    asyncio.run(main())
