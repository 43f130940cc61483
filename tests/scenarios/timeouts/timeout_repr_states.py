# repr(Timeout) in each state: active with a deadline, active disabled, expired, finished.
# Port of test_repr_active/expired/finished/disabled (test_timeouts.py).
import asyncio


async def main():
    async with asyncio.timeout(10) as cm:
        print(repr(cm))
    print(repr(cm))
    async with asyncio.timeout(None) as cm2:
        print(repr(cm2))
    try:
        async with asyncio.timeout(0.01) as cm3:
            await asyncio.sleep(10)
    except TimeoutError:
        print(repr(cm3))


if __name__ == "__main__":
    asyncio.run(main())
