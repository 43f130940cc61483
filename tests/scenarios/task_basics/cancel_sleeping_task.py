# cancel() on a task sleeping in a timer: it ends cancelled and a second cancel() returns
# False. Port of test_cancel (test_tasks.py).
import asyncio


async def task():
    await asyncio.sleep(10.0)
    return 12


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(task())
    loop.call_soon(t.cancel)
    try:
        await t
    except asyncio.CancelledError:
        print("CancelledError")
    print("done:", t.done(), "cancelled:", t.cancelled(), "cancel again:", t.cancel())


if __name__ == "__main__":
    asyncio.run(main())
