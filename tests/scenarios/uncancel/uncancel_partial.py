# Two cancel() calls and one uncancel(): cancelling() stays 1, the pending cancel stays.
import asyncio


async def victim():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        me = asyncio.current_task()
        print("caught, cancelling:", me.cancelling())
        print("uncancel ->", me.uncancel())
        await asyncio.sleep(1)
        print("slept again, cancelling:", me.cancelling())


async def main():
    t = asyncio.create_task(victim())
    await asyncio.sleep(0)
    t.cancel()
    t.cancel()
    await t
    print("finished, cancelling:", t.cancelling())


if __name__ == "__main__":
    asyncio.run(main())
