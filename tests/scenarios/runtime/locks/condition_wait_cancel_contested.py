# test_locks ConditionTests.test_wait_cancel_contested: the waiter is notified while main
# holds the lock again; the cancel arrives while it waits to re-acquire, and the lock is
# released in the same pass. wait() must still end holding the lock.
import asyncio


async def main():
    cond = asyncio.Condition()
    await cond.acquire()
    wait_task = asyncio.create_task(cond.wait())
    await asyncio.sleep(0)
    print("locked after wait() released it:", cond.locked())
    await cond.acquire()
    cond.notify()
    asyncio.get_running_loop().call_soon(wait_task.cancel)
    asyncio.get_running_loop().call_soon(cond.release)
    try:
        r = await wait_task
        print("wait returned", r)
    except asyncio.CancelledError:
        print("wait cancelled")
    print("locked:", cond.locked(), "cancelled:", wait_task.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
