# test_shield_effect (test_tasks.py): cancelling the task that awaits shield(inner()) does
# not cancel inner(); the shield's outer future is what gets cancelled.
import asyncio


async def inner(waiter):
    await waiter
    print("inner finished")
    return 1


async def outer(waiter):
    r = await asyncio.shield(inner(waiter))
    print("outer got", r)


async def main():
    loop = asyncio.get_running_loop()
    waiter = loop.create_future()
    f = asyncio.ensure_future(outer(waiter))
    await asyncio.sleep(0)
    print("cancel ->", f.cancel())
    try:
        await f
    except asyncio.CancelledError:
        print("outer cancelled:", f.cancelled())
    waiter.set_result(None)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("end")
