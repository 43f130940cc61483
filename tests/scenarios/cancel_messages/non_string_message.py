# A non-string message (an int, a tuple) travels in args but is null in the trace.
import asyncio


async def victim():
    await asyncio.sleep(10)


async def main():
    for msg in (42, ("a", 1)):
        t = asyncio.create_task(victim())
        await asyncio.sleep(0)
        t.cancel(msg)
        try:
            await t
        except asyncio.CancelledError as e:
            print("got", e.args)


if __name__ == "__main__":
    asyncio.run(main())
