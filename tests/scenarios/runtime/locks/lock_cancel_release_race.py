# test_locks LockTests.test_cancel_release_race (bpo-32734): with t1..t3 waiting, one loop
# callback cancels t1 and releases the lock; exactly one other waiter (t2) gets the lock.
import asyncio

lock_count = 0
call_count = 0


async def lockit(lock):
    global lock_count, call_count
    call_count += 1
    await lock.acquire()
    lock_count += 1


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    t1 = asyncio.create_task(lockit(lock))
    t2 = asyncio.create_task(lockit(lock))
    t3 = asyncio.create_task(lockit(lock))
    await asyncio.sleep(0)

    def trigger():
        t1.cancel()
        lock.release()

    asyncio.get_running_loop().call_soon(trigger)
    try:
        await t1
    except asyncio.CancelledError:
        print("t1 cancelled")
    print("lock_count:", lock_count, "call_count:", call_count)
    print("t1 cancelled:", t1.cancelled(), "t2 done:", t2.done(), "t3 done:", t3.done())
    t3.cancel()
    await asyncio.sleep(0)
    print("t3 cancelled:", t3.cancelled(), "locked:", lock.locked())


if __name__ == "__main__":
    asyncio.run(main())
