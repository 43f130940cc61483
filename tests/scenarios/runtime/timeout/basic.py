# test_timeout_basic / test_timeout_at_basic (test_timeouts.py): the deadline cancels the
# task, __aexit__ turns the CancelledError into TimeoutError; when() keeps the deadline.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.01) as cm:
            await asyncio.sleep(10)
    except TimeoutError:
        print("TimeoutError; expired", cm.expired(), "cancelling", asyncio.current_task().cancelling())
    deadline = loop.time() + 0.01
    try:
        async with asyncio.timeout_at(deadline) as cm2:
            await asyncio.sleep(10)
    except TimeoutError:
        print("TimeoutError; expired", cm2.expired(), "when", cm2.when() == deadline)
