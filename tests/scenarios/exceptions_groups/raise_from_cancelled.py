# Converting a CancelledError into another exception with `raise ... from`: the task ends
# with that exception, not cancelled, and cancelling() stays 1.
import asyncio


class Stopped(Exception):
    pass


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        raise Stopped("converted") from e


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except Stopped as e:
        print("Stopped, cause:", type(e.__cause__).__name__, "cancelled:", t.cancelled(),
              "cancelling:", t.cancelling())


if __name__ == "__main__":
    asyncio.run(main())
