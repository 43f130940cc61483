# test_wait_for_cancellation_race_condition and test_wait_for_cancel_suppressed
# (test_waitfor.py): an awaitable that swallows the timeout's cancel and returns a value
# makes wait_for return that value.
import asyncio


async def inner():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("inner caught the cancel")
    return 1


async def return_42():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        return 42


async def main():
    print("inner:", await asyncio.wait_for(inner(), timeout=0.01))
    print("return_42:", await asyncio.wait_for(return_42(), timeout=0.1))
