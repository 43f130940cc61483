# A task cancelling itself: _must_cancel makes the next await raise at once.
# Port of test_cancel_current_task (test_tasks.py).
import asyncio


async def task():
    asyncio.current_task().cancel()
    print("after self-cancel")
    await asyncio.sleep(100)
    return 12


async def main():
    t = asyncio.create_task(task())
    try:
        await t
    except asyncio.CancelledError:
        print("done:", t.done(), "cancelled:", t.cancelled(), "cancel again:", t.cancel())


if __name__ == "__main__":
    asyncio.run(main())
