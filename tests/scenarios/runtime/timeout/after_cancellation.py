# test_timeout_after_cancellation / test_cancel_in_timeout_after_cancellation: entered with
# cancelling() == 1 (a swallowed cancel), the timeout still converts its own expiry, but
# not a new cancel() made inside the block.
import asyncio


async def main():
    try:
        asyncio.current_task().cancel()
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        pass
    try:
        async with asyncio.timeout(0.0):
            await asyncio.sleep(1)
    except TimeoutError:
        print("TimeoutError; cancelling", asyncio.current_task().cancelling())
    try:
        async with asyncio.timeout(1.0):
            asyncio.current_task().cancel()
            await asyncio.sleep(2)
    except asyncio.CancelledError:
        print("CancelledError; cancelling", asyncio.current_task().cancelling())
