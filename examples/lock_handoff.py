# Lesson: a Lock waiter cancelled after it was woken hands the lock on to the next waiter.
#
# `a` holds the lock; `b` and `c` wait. When `a` releases, Lock._wake_up_first() wakes `b`
# (its waiter future gets a result). Before `b` runs, main cancels it. Lock.acquire() in
# `b` sees the CancelledError after having been chosen, and wakes the next waiter so the
# lock is not lost: `c` acquires it. Without that hand-off `c` would wait forever.
import asyncio


async def holder(lock):
    async with lock:
        await asyncio.sleep(0.1)


async def waiter(lock, name):
    try:
        async with lock:
            print(name, "has the lock")
    except asyncio.CancelledError:
        print(name, "cancelled while acquiring")
        raise


async def main():
    lock = asyncio.Lock()
    a = asyncio.create_task(holder(lock))
    await asyncio.sleep(0)
    b = asyncio.create_task(waiter(lock, "b"))
    c = asyncio.create_task(waiter(lock, "c"))
    await asyncio.sleep(0.1)  # a releases at t=0.1 and wakes b
    b.cancel()
    await asyncio.gather(a, b, c, return_exceptions=True)
    print("locked at the end:", lock.locked())
