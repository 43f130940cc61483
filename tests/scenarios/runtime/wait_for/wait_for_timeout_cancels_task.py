# test_wait_for (test_waitfor.py): on timeout the awaited task is cancelled and waited for
# (its finally runs first), then TimeoutError, chained to the CancelledError.
import asyncio


async def foo():
    try:
        await asyncio.sleep(10)
    finally:
        print("foo finally")
    return "done"


async def main():
    fut = asyncio.create_task(foo())
    try:
        await asyncio.wait_for(fut, 0.1)
    except TimeoutError as exc:
        print("TimeoutError; context:", type(exc.__context__).__name__)
    print("fut cancelled:", fut.cancelled())
