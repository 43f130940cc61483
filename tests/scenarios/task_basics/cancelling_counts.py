# cancelling() counts every cancel() request; repeated cancel() returns True.
# Port of test_cancelling (test_tasks.py).
import asyncio


async def task():
    await asyncio.sleep(10)


async def main():
    t = asyncio.create_task(task())
    print("cancelling:", t.cancelling())
    print("cancel:", t.cancel(), "cancelling:", t.cancelling())
    print("cancel:", t.cancel(), "cancelling:", t.cancelling())
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled; cancelling:", t.cancelling())


if __name__ == "__main__":
    asyncio.run(main())
