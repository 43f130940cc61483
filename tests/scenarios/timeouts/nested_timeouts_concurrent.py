# Inner timeout longer than the outer one: the outer fires first; the inner block passes
# the CancelledError on. After test_nested_timeouts_concurrent (without the real sleep).
import asyncio


async def main():
    try:
        async with asyncio.timeout(0.002):
            try:
                async with asyncio.timeout(0.1):
                    await asyncio.sleep(1)
            except TimeoutError:
                print("inner TimeoutError (unexpected)")
            except asyncio.CancelledError:
                print("inner block: CancelledError")
                raise
    except TimeoutError:
        print("outer TimeoutError")


if __name__ == "__main__":
    asyncio.run(main())
