# Another task calls uncancel() on a task whose cancel is still pending.
# differs: 3.11/3.12 vs 3.13/3.14 (rescind).
import asyncio


async def victim():
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("victim ran on")
    return "ok"


async def main():
    t = asyncio.create_task(victim())
    await asyncio.sleep(0)
    t.cancel()
    t.uncancel()
    try:
        print(await t)
    except asyncio.CancelledError:
        print("victim cancelled")


if __name__ == "__main__":
    asyncio.run(main())
