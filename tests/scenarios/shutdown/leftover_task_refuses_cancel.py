# A leftover task that swallows the shutdown cancel and returns: shutdown still completes.
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("stubborn swallows the cancel")
    await asyncio.sleep(1)
    print("stubborn returns")
    return "r"


async def main():
    asyncio.create_task(stubborn())
    await asyncio.sleep(0)


if __name__ == "__main__":
    asyncio.run(main())
