# Event.wait under a timeout: TimeoutError, and the event can still be set later for
# another waiter.
import asyncio


async def main():
    ev = asyncio.Event()
    try:
        async with asyncio.timeout(1):
            await ev.wait()
    except TimeoutError:
        print("wait timed out; is_set:", ev.is_set())

    async def setter():
        await asyncio.sleep(1)
        ev.set()

    asyncio.create_task(setter())
    print("wait ->", await ev.wait(), "at", asyncio.get_running_loop().time())


if __name__ == "__main__":
    asyncio.run(main())
