# Cancelling gather's outer future cancels every pending child with the message; a child
# that already finished answers False. The awaiting task gets the CancelledError as an
# exception of the outer future (_GatheringFuture is never itself "cancelled").
import asyncio


async def worker(n, d):
    try:
        await asyncio.sleep(d)
        return n
    except asyncio.CancelledError as exc:
        print("worker", n, "cancelled:", exc.args)
        raise


async def main():
    g = asyncio.gather(worker(1, 1), worker(2, 2), worker(3, 3))
    await asyncio.sleep(1.5)
    print("cancel ->", g.cancel("enough"))
    try:
        await g
    except asyncio.CancelledError as exc:
        print("gather raised:", exc.args, "cancelled():", g.cancelled())
    print("cancel again ->", g.cancel())
