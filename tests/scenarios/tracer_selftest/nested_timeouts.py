# Nested timeouts: the inner one fires first and only it converts; then two timeouts with
# the same deadline, where the outer timer pops first and the outer scope converts.
import asyncio


async def main():
    try:
        async with asyncio.timeout(2):
            try:
                async with asyncio.timeout(1):
                    await asyncio.sleep(10)
            except TimeoutError:
                print("inner timed out")
            await asyncio.sleep(10)
    except TimeoutError:
        print("outer timed out")
    try:
        async with asyncio.timeout(1):
            try:
                async with asyncio.timeout(1):
                    await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("inner let CancelledError through")
                raise
    except TimeoutError:
        print("same deadline: outer converted")


if __name__ == "__main__":
    asyncio.run(main())
