# A timeout around a shielded task: TimeoutError, the inner task goes on and finishes.
import asyncio


async def inner():
    await asyncio.sleep(2)
    print("inner done at", asyncio.get_running_loop().time())
    return 1


async def main():
    it = asyncio.create_task(inner())
    try:
        async with asyncio.timeout(1):
            await asyncio.shield(it)
    except TimeoutError:
        print("TimeoutError; inner done:", it.done())
    print(await it)


if __name__ == "__main__":
    asyncio.run(main())
