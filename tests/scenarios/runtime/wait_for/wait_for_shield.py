# WaitForShieldTests (3.13's test_waitfor.py): wait_for(shield(task)) times out by
# cancelling the shield's outer future only; timeout=0 cancels it at once; None waits.
import asyncio


async def coro(d):
    await asyncio.sleep(d)
    return "done"


async def main():
    task = asyncio.create_task(coro(0.01))
    shielded = asyncio.shield(task)
    try:
        await asyncio.wait_for(shielded, timeout=0)
    except TimeoutError:
        print("zero: TimeoutError; task done:", task.done(), "shield cancelled:", shielded.cancelled())
    await asyncio.sleep(0.1)
    print("task done later:", task.done())

    task2 = asyncio.create_task(coro(0.1))
    print("none:", await asyncio.wait_for(asyncio.shield(task2), timeout=None))

    task3 = asyncio.create_task(coro(0.1))
    try:
        await asyncio.wait_for(asyncio.shield(task3), timeout=0.01)
    except TimeoutError:
        print("shielded: TimeoutError; task cancelled:", task3.cancelled())
    print("task3:", await task3)
