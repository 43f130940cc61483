# A timeout that does not expire leaves the block quietly; when() stays in the future.
# Port of test_timeout_not_called (test_timeouts.py).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(10) as cm:
        await asyncio.sleep(0.01)
    t1 = loop.time()
    print("expired:", cm.expired(), "when > now:", cm.when() > t1, cm.when())


if __name__ == "__main__":
    asyncio.run(main())
