# A task that catches the CancelledError of its awaited future and returns: the task is
# finished, not cancelled. Port of test_cancel_task_catching (test_tasks.py).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut1 = loop.create_future()
    fut2 = loop.create_future()

    async def task():
        await fut1
        try:
            await fut2
        except asyncio.CancelledError:
            return 42

    t = asyncio.create_task(task())
    await asyncio.sleep(0)
    fut1.set_result(None)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    t.cancel()
    print("fut2 cancelled:", fut2.cancelled())
    print("result:", await t, "cancelled:", t.cancelled(), "cancelling:", t.cancelling())


if __name__ == "__main__":
    asyncio.run(main())
