# test_locks LockTests.test_cancel_race: A holds the lock, B and C wait; B is cancelled in
# the same pass that A releases. A's release must skip B's cancelled waiter and wake C.
import asyncio


async def lockit(lock, name, blocker):
    await lock.acquire()
    print(name, "acquired")
    try:
        if blocker is not None:
            await blocker
    finally:
        lock.release()
        print(name, "released")


async def main():
    lock = asyncio.Lock()
    fa = asyncio.get_running_loop().create_future()
    ta = asyncio.create_task(lockit(lock, "A", fa))
    await asyncio.sleep(0)
    print("locked:", lock.locked())
    tb = asyncio.create_task(lockit(lock, "B", None))
    await asyncio.sleep(0)
    tc = asyncio.create_task(lockit(lock, "C", None))
    await asyncio.sleep(0)
    fa.set_result(None)
    tb.cancel()
    await asyncio.sleep(0)
    print("locked:", lock.locked(), "A done:", ta.done(), "B cancelled:", tb.cancelled())
    await tc
    print("C done:", tc.done(), "locked:", lock.locked())


if __name__ == "__main__":
    asyncio.run(main())
