# timeout(0) with a bare yield in the body still expires.
# Port of test_timeout_zero_sleep_zero (test_timeouts.py).
import asyncio


async def main():
    try:
        async with asyncio.timeout(0) as cm:
            await asyncio.sleep(0)
            print("after sleep(0)")
    except TimeoutError:
        print("TimeoutError")
    print("expired:", cm.expired())


if __name__ == "__main__":
    asyncio.run(main())
