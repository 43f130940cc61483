# BoundedSemaphore: acquire through `async with`, a cancelled acquirer, and the ValueError
# of a release above the initial value (test_locks test_release_not_acquired).
import asyncio


async def holder(sem, name):
    async with sem:
        print(name, "in, locked:", sem.locked())
        await asyncio.sleep(1)
    print(name, "out")


async def main():
    sem = asyncio.BoundedSemaphore(2)
    try:
        sem.release()
    except ValueError as e:
        print("release:", e)
    a = asyncio.create_task(holder(sem, "a"))
    b = asyncio.create_task(holder(sem, "b"))
    c = asyncio.create_task(holder(sem, "c"))
    await asyncio.sleep(0.5)
    print("locked:", sem.locked())
    c.cancel()
    await asyncio.sleep(0)
    print("c cancelled:", c.cancelled())
    await a
    await b
    print("locked:", sem.locked())
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("Semaphore(-1):", e)


if __name__ == "__main__":
    asyncio.run(main())
