# test_locks ConditionTests.test_wait_cancel, test_wait_unacquired, test_notify_unacquired:
# a cancelled wait() leaves no waiter and still re-acquires the lock before it raises.
import asyncio


async def main():
    cond = asyncio.Condition()
    try:
        await cond.wait()
    except RuntimeError as e:
        print("wait unacquired:", e)
    try:
        cond.notify()
    except RuntimeError as e:
        print("notify unacquired:", e)
    await cond.acquire()
    wait = asyncio.create_task(cond.wait())
    asyncio.get_running_loop().call_soon(wait.cancel, "stop")
    try:
        await wait
    except asyncio.CancelledError as e:
        print("wait cancelled:", wait.cancelled(), e.args)
    print("locked:", cond.locked())
    cond.release()
    print("locked:", cond.locked())


if __name__ == "__main__":
    asyncio.run(main())
