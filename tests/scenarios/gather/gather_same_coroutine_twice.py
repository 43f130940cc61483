# The same task passed twice to gather is awaited once; its result appears twice.
import asyncio


async def work():
    await asyncio.sleep(1)
    print("work ran")
    return 5


async def main():
    t = asyncio.create_task(work())
    print(await asyncio.gather(t, t))


if __name__ == "__main__":
    asyncio.run(main())
