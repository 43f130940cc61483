# A background task inside a TaskGroup at shutdown: the cancel reaches the group, which
# cancels its children.
import asyncio


async def child(n):
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("child", n, "cancelled")
        raise


async def background():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child(1))
        tg.create_task(child(2))


async def main():
    asyncio.create_task(background())
    await asyncio.sleep(1)


if __name__ == "__main__":
    asyncio.run(main())
