# A lock acquire that times out leaves the lock to the next waiter.
import asyncio


async def holder(lock):
    async with lock:
        await asyncio.sleep(2)


async def impatient(lock):
    try:
        async with asyncio.timeout(1):
            await lock.acquire()
    except TimeoutError:
        print("impatient gave up at", asyncio.get_running_loop().time())


async def patient(lock):
    async with lock:
        print("patient got the lock at", asyncio.get_running_loop().time())


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(holder(lock), impatient(lock), patient(lock))


if __name__ == "__main__":
    asyncio.run(main())
