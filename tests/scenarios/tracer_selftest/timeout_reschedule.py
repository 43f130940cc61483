# Timeout.reschedule: later, then earlier; the deadline that fires is the last one set.
# A reschedule after the block has exited fails and is not traced.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1) as cm:
            cm.reschedule(loop.time() + 3)  # deadline 1 -> 3
            await asyncio.sleep(2)  # survives the old deadline
            cm.reschedule(loop.time() + 0.5)  # deadline 3 -> 2.5
            await asyncio.sleep(1)
    except TimeoutError:
        print("timed out at", loop.time(), "expired:", cm.expired())
    try:
        cm.reschedule(None)
    except RuntimeError as exc:
        print("reschedule after exit:", exc)


if __name__ == "__main__":
    asyncio.run(main())
