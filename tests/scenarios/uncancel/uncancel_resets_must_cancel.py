# uncancel() back to 0 while _must_cancel is pending: 3.13 rescinds the pending cancel
# (the task returns 42), 3.11/3.12 keep it (cancelled). differs: 3.11/3.12 vs 3.13/3.14
# Port of test_uncancel_resets_must_cancel (test_tasks.py, 3.13).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    async def coro():
        await fut
        return 42

    task = asyncio.create_task(coro())
    await asyncio.sleep(0)
    fut.set_result(None)
    task.cancel()
    print("cancelling:", task.cancelling())
    task.uncancel()
    print("cancelling:", task.cancelling())
    try:
        print("result:", await task)
    except asyncio.CancelledError:
        print("task cancelled anyway")


if __name__ == "__main__":
    asyncio.run(main())
