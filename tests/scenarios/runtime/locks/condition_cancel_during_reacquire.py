# test_locks ConditionTests.test_cancelled_error_re_aquire and test_wait_cancel_after_notify:
# the task is notified, then cancelled ("foo") while it waits to re-acquire the lock.
# 3.13 re-raises that CancelledError itself (args ('foo',)); 3.11/3.12 raise a new,
# message-less one.
import asyncio

wake = False


async def func(cond):
    async with cond:
        try:
            await cond.wait_for(lambda: wake)
        except asyncio.CancelledError as e:
            print("func caught", e.args, "locked:", cond.locked())
            raise


async def main():
    global wake
    cond = asyncio.Condition()
    task = asyncio.create_task(func(cond))
    await asyncio.sleep(0)
    await cond.acquire()
    wake = True
    cond.notify()
    await asyncio.sleep(0)
    task.cancel(msg="foo")
    await asyncio.sleep(0)
    cond.release()
    try:
        await task
    except asyncio.CancelledError as e:
        print("main caught", e.args)
    print("task cancelled:", task.cancelled(), "locked:", cond.locked())


if __name__ == "__main__":
    asyncio.run(main())
