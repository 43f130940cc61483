# Timeouts that do not fire (a far deadline, no deadline at all) and one whose deadline is
# already past on entry (armed with call_soon, so it cancels the task at the next pass).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(5):
        await asyncio.sleep(1)
    print("finished in time at", loop.time())
    async with asyncio.timeout(None) as cm:
        print("when:", cm.when())
        cm.reschedule(None)
        cm.reschedule(loop.time() + 0.25)
        await asyncio.sleep(0.1)
    print("still in time at", loop.time())
    try:
        async with asyncio.timeout_at(loop.time() - 1):
            await asyncio.sleep(0)
            print("not reached")
    except TimeoutError:
        print("past deadline -> TimeoutError at", loop.time())


if __name__ == "__main__":
    asyncio.run(main())
