# The hand-off rule for Semaphore (test_acquire_hang's shape, cancel after the wake-up):
# release() gives the unit to t1, t1 is cancelled before it ran; the unit must reach t2.
# 3.11/3.12 re-wake t2 from t1's except clause; 3.13 gives the unit back and the finally
# wakes t2.
import asyncio


async def acquirer(sem, name):
    try:
        await sem.acquire()
    except asyncio.CancelledError:
        print(name, "cancelled, locked:", sem.locked())
        raise
    print(name, "acquired, locked:", sem.locked())


async def main():
    sem = asyncio.Semaphore(value=0)
    t1 = asyncio.create_task(acquirer(sem, "t1"))
    t2 = asyncio.create_task(acquirer(sem, "t2"))
    t3 = asyncio.create_task(acquirer(sem, "t3"))
    await asyncio.sleep(0)
    sem.release()
    t1.cancel()
    print("after release+cancel, locked:", sem.locked())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("t2 done:", t2.done(), "t3 done:", t3.done(), "locked:", sem.locked())
    sem.release()
    await t3
    print("t3 done:", t3.done(), "locked:", sem.locked())


if __name__ == "__main__":
    asyncio.run(main())
