# An exception raised while handling another keeps it as __context__ across an await.
import asyncio


async def child():
    try:
        raise KeyError("first")
    except KeyError:
        await asyncio.sleep(1)
        raise ValueError("second")


async def main():
    try:
        await asyncio.create_task(child())
    except ValueError as e:
        print(repr(e), "context:", repr(e.__context__), "cause:", e.__cause__)


if __name__ == "__main__":
    asyncio.run(main())
