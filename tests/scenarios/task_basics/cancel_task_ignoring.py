# A task that ignores a cancellation and goes on awaiting another future.
# Port of test_cancel_task_ignoring (test_tasks.py).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut1 = loop.create_future()
    fut2 = loop.create_future()
    fut3 = loop.create_future()

    async def task():
        await fut1
        try:
            await fut2
        except asyncio.CancelledError:
            print("ignored")
        res = await fut3
        return res

    t = asyncio.create_task(task())
    await asyncio.sleep(0)
    fut1.set_result(None)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    t.cancel()
    print("fut2 cancelled:", fut2.cancelled())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    fut3.set_result(42)
    print("result:", await t, "fut3 cancelled:", fut3.cancelled(), "t cancelled:", t.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
