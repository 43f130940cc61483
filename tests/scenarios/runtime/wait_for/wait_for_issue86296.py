# test_wait_for_issue86296 (3.12+ test_waitfor.py): the inner task finishes in the same
# pass as a cancel of the task running wait_for. 3.11 swallows that cancel (the inner future
# is done, so wait_for returns its result); 3.12+ propagate it.
import asyncio


async def inner():
    return "done"


async def wait_for_coro(inner_task):
    r = await asyncio.wait_for(inner_task, timeout=100)
    print("wait_for returned", r)
    await asyncio.sleep(1)
    print("reached end")


async def main():
    inner_task = asyncio.create_task(inner())
    task = asyncio.create_task(wait_for_coro(inner_task))
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
        print("task finished")
    except asyncio.CancelledError:
        print("task cancelled")
    print("inner:", await inner_task)
