# timeout(None) and timeout_at(None) never expire; when() is None.
# Port of test_timeout_disabled / test_timeout_at_disabled (test_timeouts.py).
import asyncio


async def main():
    async with asyncio.timeout(None) as cm:
        await asyncio.sleep(0.01)
    print("timeout(None):", cm.expired(), cm.when())
    async with asyncio.timeout_at(None) as cm2:
        await asyncio.sleep(0.01)
    print("timeout_at(None):", cm2.expired(), cm2.when())


if __name__ == "__main__":
    asyncio.run(main())
