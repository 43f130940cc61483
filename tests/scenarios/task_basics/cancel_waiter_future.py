# cancel() of a task waiting on a plain future cancels that future.
# Port of test_task_cancel_waiter_future (test_tasks.py).
import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()

    async def coro():
        await fut

    task = asyncio.create_task(coro())
    await asyncio.sleep(0)
    task.cancel()
    await asyncio.sleep(0)
    try:
        await task
    except asyncio.CancelledError:
        print("task cancelled:", task.cancelled(), "fut cancelled:", fut.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
