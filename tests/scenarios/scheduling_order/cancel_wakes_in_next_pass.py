# cancel() of a sleeping task schedules its wake-up through call_soon: it runs after the
# callbacks already queued.
import asyncio


async def victim():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("victim woke with CancelledError")
        raise


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(victim())
    await asyncio.sleep(0)
    loop.call_soon(print, "queued before cancel")
    t.cancel()
    loop.call_soon(print, "queued after cancel")
    try:
        await t
    except asyncio.CancelledError:
        print("main saw it")


if __name__ == "__main__":
    asyncio.run(main())
