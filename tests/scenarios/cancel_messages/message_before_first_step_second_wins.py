# Two cancel() calls before the first step: the task is not waiting on a future, so each
# call stores its message and the last one is thrown.
import asyncio


async def victim():
    await asyncio.sleep(10)


async def main():
    t = asyncio.create_task(victim())
    t.cancel("first")
    t.cancel("second")
    try:
        await t
    except asyncio.CancelledError as e:
        print("got", e.args)


if __name__ == "__main__":
    asyncio.run(main())
