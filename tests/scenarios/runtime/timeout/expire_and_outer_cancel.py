# The deadline passes and another task cancels the owner in the same loop pass: the
# count after uncancel() stays above the recorded level, so CancelledError leaves, not
# TimeoutError (the outer cancellation is not lost).
import asyncio


async def worker():
    try:
        async with asyncio.timeout(1):
            await asyncio.sleep(5)
    except TimeoutError:
        print("worker: TimeoutError")
    except asyncio.CancelledError:
        print("worker: CancelledError, cancelling", asyncio.current_task().cancelling())
        raise


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("worker cancelled:", t.cancelled())
