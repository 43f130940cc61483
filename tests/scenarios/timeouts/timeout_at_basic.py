# timeout_at with an absolute deadline expires at that deadline; when() returns it.
# Port of test_timeout_at_basic (test_timeouts.py).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(1.5)
    deadline = loop.time() + 0.01
    try:
        async with asyncio.timeout_at(deadline) as cm:
            await asyncio.sleep(10)
    except TimeoutError:
        print("TimeoutError at", loop.time())
    print("expired:", cm.expired(), "when == deadline:", cm.when() == deadline)


if __name__ == "__main__":
    asyncio.run(main())
