# test_timeout_zero / _zero_sleep_zero / _in_the_past_sleep_zero: a deadline at or before
# now fires through call_soon, so even sleep(0) is interrupted.
import asyncio


async def main():
    for delay, nap in ((0, 10), (0, 0), (-11, 0)):
        try:
            async with asyncio.timeout(delay) as cm:
                await asyncio.sleep(nap)
        except TimeoutError:
            print("delay", delay, "sleep", nap, "-> TimeoutError, expired", cm.expired())
