# The scenario raises: main fails after a child finished, so asyncio.run is about to
# raise ValueError. With stopOnException the session stops at main's `done` event
# (reason "exception") and then goes on to the same shutdown and `exit` as CPython.
import asyncio


async def child():
    await asyncio.sleep(1)
    return 1


async def main():
    t = asyncio.create_task(child())
    await t
    raise ValueError("boom")


if __name__ == "__main__":
    asyncio.run(main())
