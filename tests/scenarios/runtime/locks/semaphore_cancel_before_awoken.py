# test_locks SemaphoreTests.test_acquire_cancel_before_awoken: t1 and t2 are cancelled while
# queued, then one release(): the unit goes to t3 (the first live waiter), not to t4.
import asyncio


async def main():
    sem = asyncio.Semaphore(value=0)
    t1 = asyncio.create_task(sem.acquire())
    t2 = asyncio.create_task(sem.acquire())
    t3 = asyncio.create_task(sem.acquire())
    t4 = asyncio.create_task(sem.acquire())
    await asyncio.sleep(0)
    t1.cancel()
    t2.cancel()
    sem.release()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("t3 done:", t3.done(), "t4 done:", t4.done(), "locked:", sem.locked())
    t3.cancel()
    t4.cancel()
    await asyncio.sleep(0)
    print("t3 cancelled:", t3.cancelled(), "t4 cancelled:", t4.cancelled(), "locked:", sem.locked())


if __name__ == "__main__":
    asyncio.run(main())
