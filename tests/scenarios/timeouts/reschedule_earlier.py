# Rescheduling to an earlier deadline makes the timeout fire sooner; reschedule to a time
# already past fires through call_soon.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(100) as cm:
            await asyncio.sleep(1)
            cm.reschedule(loop.time() + 2)
            await asyncio.sleep(5)
    except TimeoutError:
        print("fired at", loop.time())
    try:
        async with asyncio.timeout(100) as cm2:
            await asyncio.sleep(1)
            cm2.reschedule(loop.time() - 1)
            print("rescheduled into the past, when =", cm2.when())
            await asyncio.sleep(5)
    except TimeoutError:
        print("fired at", loop.time())


if __name__ == "__main__":
    asyncio.run(main())
