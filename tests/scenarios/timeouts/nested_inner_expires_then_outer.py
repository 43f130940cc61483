# The inner timeout expires and is handled, then the outer one interrupts a later sleep.
# After test_nested_timeouts_loop_busy (test_timeouts.py), on the virtual clock.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.1):
            try:
                async with asyncio.timeout(0.01):
                    await asyncio.sleep(1)
            except TimeoutError:
                print("inner TimeoutError at", loop.time())
            await asyncio.sleep(10)
    except TimeoutError:
        print("outer TimeoutError at", loop.time())


if __name__ == "__main__":
    asyncio.run(main())
