# A deadline in the past (timeout(-11)) fires at once, through call_soon.
# Port of test_timeout_in_the_past_sleep_zero (test_timeouts.py).
import asyncio


async def main():
    await asyncio.sleep(20)
    try:
        async with asyncio.timeout(-11) as cm:
            await asyncio.sleep(0)
    except TimeoutError:
        print("TimeoutError")
    print("expired:", cm.expired(), "when:", cm.when())


if __name__ == "__main__":
    asyncio.run(main())
