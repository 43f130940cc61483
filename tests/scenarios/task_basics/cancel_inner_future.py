# Cancelling the future a task awaits cancels the task.
# Port of test_cancel_inner_future (test_tasks.py).
import asyncio


async def main():
    f = asyncio.get_running_loop().create_future()

    async def task():
        await f
        return 12

    t = asyncio.create_task(task())
    await asyncio.sleep(0)
    f.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("f cancelled:", f.cancelled(), "t cancelled:", t.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
