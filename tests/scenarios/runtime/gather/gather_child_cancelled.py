# A cancelled child makes gather finish with a CancelledError *exception*: the outer future
# is done but not cancelled, and the other children keep running.
import asyncio


async def worker(n, d):
    await asyncio.sleep(d)
    print("worker", n, "done")
    return n


async def main():
    a = asyncio.create_task(worker(1, 1))
    b = asyncio.create_task(worker(2, 2))
    g = asyncio.gather(a, b)
    await asyncio.sleep(0)
    a.cancel("drop a")
    try:
        await g
    except asyncio.CancelledError as exc:
        print("gather raised:", exc.args)
    print("g cancelled():", g.cancelled(), "done():", g.done(), "b done:", b.done())
    print("b:", await b)
