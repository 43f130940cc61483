# test_locks SemaphoreTests.test_acquire_fifo_order_2/_4 shape: releases while waiters are
# queued but not yet running. 3.13's acquire wakes further waiters from its `finally`, so
# the order tasks run in and the counter's value differ from 3.11/3.12.
import asyncio

result = []


async def c1(sem):
    await sem.acquire()
    result.append(1)
    print("c1 acquired, locked:", sem.locked())


async def c2(sem):
    sem.release()
    sem.release()
    sem.release()
    print("c2 released thrice, locked:", sem.locked())
    await sem.acquire()
    result.append(2)
    print("c2 acquired, locked:", sem.locked())


async def c3(sem):
    await sem.acquire()
    result.append(3)
    print("c3 acquired, locked:", sem.locked())


async def main():
    sem = asyncio.Semaphore(0)
    t1 = asyncio.create_task(c1(sem))
    t2 = asyncio.create_task(c2(sem))
    t3 = asyncio.create_task(c3(sem))
    await asyncio.sleep(0)
    print("main: locked:", sem.locked())
    await asyncio.sleep(0)
    print("after c1 ran:", t1.done(), t2.done(), t3.done(), "locked:", sem.locked())
    await asyncio.sleep(0)
    print("after c2 ran:", t1.done(), t2.done(), t3.done(), "locked:", sem.locked())
    await t2
    await t3
    print("result:", result, "locked:", sem.locked())


if __name__ == "__main__":
    asyncio.run(main())
