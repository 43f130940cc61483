# test_wait_for_self_cancellation (3.11's test_waitfor.py; gone from 3.12's): wait_for
# stays cancellable while the inner task holds up its cancellation.
import asyncio


async def inner():
    try:
        await asyncio.sleep(0.3)
    except asyncio.CancelledError:
        print("inner: first cancel")
        try:
            await asyncio.sleep(0.3)
        except asyncio.CancelledError:
            print("inner: second cancel")
            await asyncio.sleep(0.3)
    return 42


async def main():
    inner_task = asyncio.create_task(inner())
    task = asyncio.create_task(asyncio.wait_for(inner_task, timeout=0.1))
    await asyncio.sleep(0.2)
    task.cancel()
    try:
        await task
        print("task returned")
    except asyncio.CancelledError:
        print("task cancelled")
    except TimeoutError:
        print("task raised TimeoutError")
    print("inner:", await inner_task)
