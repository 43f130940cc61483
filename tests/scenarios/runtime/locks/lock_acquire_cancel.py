# Lock.acquire cancelled while it waits (test_locks LockTests.test_acquire_cancel): the
# waiter raises CancelledError, the lock stays with its holder, and a later release leaves
# it free (no cancelled waiter left behind to wake).
import asyncio


async def main():
    lock = asyncio.Lock()
    print("first acquire:", await lock.acquire())
    task = asyncio.create_task(lock.acquire())
    asyncio.get_running_loop().call_soon(task.cancel)
    try:
        await task
    except asyncio.CancelledError:
        print("acquire cancelled:", task.cancelled())
    print("locked:", lock.locked())
    lock.release()
    print("locked after release:", lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("second release:", e)


if __name__ == "__main__":
    asyncio.run(main())
