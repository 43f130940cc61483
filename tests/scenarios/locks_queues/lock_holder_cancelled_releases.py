# A task cancelled while holding the lock in `async with` releases it; the next waiter
# gets it.
import asyncio


async def holder(lock):
    async with lock:
        print("holder has the lock")
        await asyncio.sleep(10)


async def waiter(lock):
    async with lock:
        print("waiter has the lock at", asyncio.get_running_loop().time())


async def main():
    lock = asyncio.Lock()
    h = asyncio.create_task(holder(lock))
    await asyncio.sleep(0)
    w = asyncio.create_task(waiter(lock))
    await asyncio.sleep(1)
    h.cancel()
    await w
    print("holder cancelled:", h.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
