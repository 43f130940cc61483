# A Semaphore(2) lets two workers in at a time.
import asyncio


async def worker(sem, n):
    async with sem:
        print("start", n, "at", asyncio.get_running_loop().time())
        await asyncio.sleep(1)


async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(worker(sem, n) for n in range(5)))


if __name__ == "__main__":
    asyncio.run(main())
