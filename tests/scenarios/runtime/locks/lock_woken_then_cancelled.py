# The hand-off rule: release() wakes the head waiter B, then B is cancelled before it ran.
# B's except clause sees the lock unclaimed and wakes the next waiter C, who takes it.
import asyncio


async def acquirer(lock, name):
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        print(name, "cancelled, locked:", lock.locked())
        raise
    print(name, "acquired")
    return name


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    tb = asyncio.create_task(acquirer(lock, "B"))
    tc = asyncio.create_task(acquirer(lock, "C"))
    await asyncio.sleep(0)
    lock.release()
    tb.cancel("late")
    print("locked after release:", lock.locked())
    await asyncio.sleep(0)
    print("tb cancelled:", tb.cancelled(), "tc done:", tc.done(), "locked:", lock.locked())
    print("tc result:", await tc)


if __name__ == "__main__":
    asyncio.run(main())
