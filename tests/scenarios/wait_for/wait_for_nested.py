# wait_for inside wait_for: the inner (shorter) deadline fires first; the outer sees the
# inner TimeoutError as an ordinary exception. differs: 3.11 vs 3.12/3.13/3.14
import asyncio


async def inner():
    return await asyncio.wait_for(asyncio.sleep(10), 1)


async def main():
    try:
        await asyncio.wait_for(inner(), 2)
    except TimeoutError as e:
        print("TimeoutError at", asyncio.get_running_loop().time())


if __name__ == "__main__":
    asyncio.run(main())
