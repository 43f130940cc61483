# test_yield_wait_does_not_shield_cancel (test_tasks.py): cancelling a task that awaits
# wait() cancels only wait's own waiter; the awaited tasks go on.
import asyncio


async def inner(waiter):
    await waiter
    print("inner finished")


async def outer(t):
    try:
        await asyncio.wait([t])
        print("not reached")
    except asyncio.CancelledError:
        print("outer cancelled; inner done:", t.done())
        raise


async def main():
    loop = asyncio.get_running_loop()
    waiter = loop.create_future()
    t = asyncio.create_task(inner(waiter))
    f = asyncio.create_task(outer(t))
    await asyncio.sleep(0)
    f.cancel()
    try:
        await f
    except asyncio.CancelledError:
        print("f cancelled:", f.cancelled())
    waiter.set_result(None)
    await t
    print("t done:", t.done())
