# uncancel() after catching a cancellation brings cancelling() back to 0, and a second
# cancel() still works; uncancel on a done task changes nothing visible.
# Port of test_uncancel_basic (test_tasks.py).
import asyncio


async def task():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        asyncio.current_task().uncancel()
        await asyncio.sleep(10)


async def main():
    t = asyncio.create_task(task())
    await asyncio.sleep(0.01)
    print("cancel:", t.cancel(), "cancelling:", t.cancelling(), "cancelled:", t.cancelled())
    await asyncio.sleep(0.01)
    print("after uncancel, cancelling:", t.cancelling(), "cancelled:", t.cancelled())
    print("cancel:", t.cancel(), "cancelling:", t.cancelling())
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled:", t.cancelled(), "done:", t.done())
    print("uncancel on done task returns", t.uncancel())
    print("cancelled:", t.cancelled(), "done:", t.done())


if __name__ == "__main__":
    asyncio.run(main())
