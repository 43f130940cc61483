# timeout(0) fires through call_soon: the first await is cancelled.
# Port of test_timeout_zero (test_timeouts.py).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    try:
        async with asyncio.timeout(0) as cm:
            await asyncio.sleep(10)
    except TimeoutError:
        print("TimeoutError")
    t1 = loop.time()
    print("expired:", cm.expired(), "t0 <= when <= t1:", t0 <= cm.when() <= t1)


if __name__ == "__main__":
    asyncio.run(main())
