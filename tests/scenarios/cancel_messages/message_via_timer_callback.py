# cancel('timer') called from a call_later callback: `by` is null in the trace.
import asyncio


async def victim():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("victim got", e.args, "at", asyncio.get_running_loop().time())
        raise


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(victim())
    loop.call_later(3, t.cancel, "timer")
    try:
        await t
    except asyncio.CancelledError:
        print("done")


if __name__ == "__main__":
    asyncio.run(main())
