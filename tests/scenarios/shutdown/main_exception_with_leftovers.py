# main raises while other tasks are pending: they are cancelled before exit reports the
# exception.
import asyncio


async def background():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("background cancelled")
        raise


async def main():
    asyncio.create_task(background())
    await asyncio.sleep(1)
    raise KeyError("main fails")


if __name__ == "__main__":
    asyncio.run(main())
