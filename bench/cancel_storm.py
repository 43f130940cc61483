# Cancellation workload (issue 8): 20,000 sleeping tasks are each cancelled twice; the
# even ones catch the CancelledError, uncancel both requests and return, the odd ones
# let it propagate. Runs unchanged under CPython (`python3.13 bench/cancel_storm.py`).
import asyncio

N = 20000


async def worker(i):
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        if i % 2 == 0:
            me = asyncio.current_task()
            me.uncancel()
            left = me.uncancel()
            return i + left
        raise
    return -1


async def main():
    tasks = [asyncio.create_task(worker(i)) for i in range(N)]
    await asyncio.sleep(0)
    for t in tasks:
        t.cancel()
    for t in tasks:
        t.cancel()
    returned = 0
    cancelled = 0
    total = 0
    for t in tasks:
        try:
            total += await t
            returned += 1
        except asyncio.CancelledError:
            cancelled += 1
    print("cancel_storm", returned, cancelled, total)


if __name__ == "__main__":
    asyncio.run(main())
