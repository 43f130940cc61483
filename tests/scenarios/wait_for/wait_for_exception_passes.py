# An exception of the awaited task passes through wait_for unchanged.
# differs: 3.11 vs 3.12/3.13/3.14
import asyncio


async def fails():
    await asyncio.sleep(1)
    raise LookupError("nope")


async def main():
    try:
        await asyncio.wait_for(asyncio.create_task(fails()), 10)
    except LookupError as e:
        print("caught", repr(e))


if __name__ == "__main__":
    asyncio.run(main())
