# An exception of the inner task passes through the shield.
import asyncio


async def inner():
    await asyncio.sleep(1)
    raise KeyError("inner")


async def main():
    try:
        await asyncio.shield(asyncio.create_task(inner()))
    except KeyError as e:
        print("caught", repr(e))


if __name__ == "__main__":
    asyncio.run(main())
