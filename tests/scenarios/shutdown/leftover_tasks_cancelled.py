# asyncio.run cancels the tasks still pending when main returns, in creation order, and
# awaits them.
import asyncio


async def background(n):
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("background", n, "cancelled at shutdown")
        raise


async def main():
    for n in range(3):
        asyncio.create_task(background(n))
    await asyncio.sleep(1)
    print("main returns")


if __name__ == "__main__":
    asyncio.run(main())
