# A task cancels itself and returns without awaiting: it still ends cancelled.
# Port of test_cancel_at_end (test_tasks.py).
import asyncio


async def task():
    asyncio.current_task().cancel()
    return 12


async def main():
    t = asyncio.create_task(task())
    try:
        print(await t)
    except asyncio.CancelledError:
        print("cancelled:", t.cancelled(), "cancel again:", t.cancel())


if __name__ == "__main__":
    asyncio.run(main())
