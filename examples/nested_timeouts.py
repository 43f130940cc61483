# Lesson: with nested timeouts, each one only claims the cancellation it caused.
#
# Timeout-1 (outer, 1 s) encloses Timeout-2 (inner, 5 s). The outer deadline comes first:
# its timer cancels the task (cancelling 0 -> 1). The CancelledError leaves the inner
# block first: Timeout-2 did not expire, so it lets the CancelledError through untouched.
# Then Timeout-1 exits: it expired and uncancel() brings cancelling back to 0, the level at
# its entry, so it converts the CancelledError into TimeoutError. A second round shows the
# opposite: the inner deadline (0.5 s) fires first, and only the inner block raises.
import asyncio


async def main():
    try:
        async with asyncio.timeout(1):
            try:
                async with asyncio.timeout(5):
                    await asyncio.sleep(10)
            except TimeoutError:
                print("inner timed out (not expected)")
    except TimeoutError:
        print("outer timed out at", asyncio.get_running_loop().time())

    async with asyncio.timeout(5):
        try:
            async with asyncio.timeout(0.5):
                await asyncio.sleep(10)
        except TimeoutError:
            print("inner timed out; the outer block goes on")
        await asyncio.sleep(0.1)
    print("outer finished in time")
