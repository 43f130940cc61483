# A leftover task whose cleanup awaits runs that cleanup during shutdown, on the clock.
import asyncio


async def background():
    try:
        await asyncio.sleep(100)
    finally:
        print("cleanup starts at", asyncio.get_running_loop().time())
        await asyncio.sleep(2)
        print("cleanup ends at", asyncio.get_running_loop().time())


async def main():
    asyncio.create_task(background())
    await asyncio.sleep(1)


if __name__ == "__main__":
    asyncio.run(main())
