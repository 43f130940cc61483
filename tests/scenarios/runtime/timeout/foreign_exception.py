# test_foreign_exception_passed / test_foreign_cancel_doesnt_timeout_if_not_expired: an
# exception or a cancel from the body leaves unchanged while the deadline has not passed.
import asyncio


async def main():
    try:
        async with asyncio.timeout(0.01) as cm:
            raise KeyError
    except KeyError:
        print("KeyError passed, expired", cm.expired())
    try:
        async with asyncio.timeout(10) as cm:
            asyncio.current_task().cancel()
            await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("CancelledError passed, expired", cm.expired())
        asyncio.current_task().uncancel()
