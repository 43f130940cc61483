# Cancelling the inner future and then the task: the task's cancel() cannot cancel the
# already cancelled future, so _must_cancel is set. Port of
# test_cancel_both_task_and_inner_future (test_tasks.py).
import asyncio


async def main():
    f = asyncio.get_running_loop().create_future()

    async def task():
        await f
        return 12

    t = asyncio.create_task(task())
    await asyncio.sleep(0)
    f.cancel()
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("t done:", t.done(), "f cancelled:", f.cancelled(), "t cancelled:", t.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
