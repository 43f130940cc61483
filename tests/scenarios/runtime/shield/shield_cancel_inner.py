# test_shield_cancel_inner (test_tasks.py): cancelling the shielded task cancels the outer
# future, so the task awaiting the shield gets a CancelledError nobody requested of it.
import asyncio


async def inner():
    await asyncio.sleep(5)
    return 1


async def waiter(t):
    try:
        await asyncio.shield(t)
    except asyncio.CancelledError:
        print("waiter: CancelledError, cancelling =", asyncio.current_task().cancelling())
        raise


async def main():
    t = asyncio.create_task(inner())
    w = asyncio.create_task(waiter(t))
    await asyncio.sleep(1)
    print("cancel inner ->", t.cancel("inner stop"))
    try:
        await w
    except asyncio.CancelledError:
        print("w cancelled:", w.cancelled(), "t cancelled:", t.cancelled())
