# test_locks LockTests.test_finished_waiter_cancelled: waiter B is cancelled, then release()
# finds only cancelled waiters, so C (not yet queued) takes the lock at once; then async with.
import asyncio


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    tb = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0)
    tc = asyncio.create_task(lock.acquire())
    tb.cancel("late")
    lock.release()
    await asyncio.sleep(0)
    print("locked:", lock.locked(), "tb cancelled:", tb.cancelled(), "tc done:", tc.done())
    print("tc result:", await tc)
    lock.release()
    async with lock:
        print("async with: locked =", lock.locked())
    print("after async with: locked =", lock.locked())


if __name__ == "__main__":
    asyncio.run(main())
