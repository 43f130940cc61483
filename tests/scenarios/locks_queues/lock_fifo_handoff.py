# Lock waiters are served first in, first out.
import asyncio


async def worker(lock, n):
    async with lock:
        print("worker", n, "holds the lock")
        await asyncio.sleep(1)


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*(worker(lock, n) for n in range(4)))
    print("locked at end:", lock.locked())


if __name__ == "__main__":
    asyncio.run(main())
