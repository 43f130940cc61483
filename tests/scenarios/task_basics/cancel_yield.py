# A task cancelled between two bare yields: the second sleep(0) raises.
# Port of test_cancel_yield (test_tasks.py).
import asyncio


async def task():
    await asyncio.sleep(0)
    print("between yields")
    await asyncio.sleep(0)
    return 12


async def main():
    t = asyncio.create_task(task())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled:", t.cancelled(), "cancel again:", t.cancel())


if __name__ == "__main__":
    asyncio.run(main())
