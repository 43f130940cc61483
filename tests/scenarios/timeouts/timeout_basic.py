# asyncio.timeout expires: the body's CancelledError becomes TimeoutError and expired() is
# true. Port of test_timeout_basic (test_timeouts.py).
import asyncio


async def main():
    try:
        async with asyncio.timeout(0.01) as cm:
            await asyncio.sleep(10)
    except TimeoutError:
        print("TimeoutError")
    print("expired:", cm.expired())
    print("cancelling:", asyncio.current_task().cancelling())


if __name__ == "__main__":
    asyncio.run(main())
