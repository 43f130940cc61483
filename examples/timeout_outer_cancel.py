# Lesson: a timeout that expires while an outer cancel is pending does not raise
# TimeoutError: the outer cancel wins.
#
# `job` enters a 1 s timeout. At t=0.5 main cancels the job (cancelling 0 -> 1). The job
# catches that CancelledError inside the block to clean up, sleeps, and the timeout
# expires at t=1 (cancelling 1 -> 2). On exit, uncancel() brings cancelling to 1, which
# is above the level at entry (0): an outer cancel is still pending, so Timeout.__aexit__
# lets the CancelledError propagate instead of converting it to TimeoutError.
import asyncio


async def job():
    try:
        async with asyncio.timeout(1):
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("job cleans up slowly")
                await asyncio.sleep(10)
    except TimeoutError:
        print("TimeoutError (not in this scenario)")


async def main():
    t = asyncio.create_task(job())
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("job ended cancelled, not timed out")
