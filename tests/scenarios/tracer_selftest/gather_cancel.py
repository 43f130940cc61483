# gather(): cancelling the outer future cancels the children (a finished one answers False);
# a cancelled child makes gather fail with CancelledError; return_exceptions collects it.
import asyncio


async def worker(n, d):
    try:
        await asyncio.sleep(d)
        return n
    except asyncio.CancelledError:
        print("worker", n, "cancelled")
        raise


async def main():
    g = asyncio.gather(worker(1, 1), worker(2, 2), worker(3, 3))
    await asyncio.sleep(1.5)
    print("cancel ->", g.cancel("enough"))
    try:
        await g
    except asyncio.CancelledError as exc:
        print("gather cancelled:", exc.args)
    a = asyncio.create_task(worker(4, 1))
    b = asyncio.create_task(worker(5, 2))
    g2 = asyncio.gather(a, b)
    await asyncio.sleep(0)
    a.cancel()
    try:
        await g2
    except asyncio.CancelledError:
        print("g2 cancelled():", g2.cancelled(), "b done:", b.done())
    c = asyncio.create_task(worker(6, 1))
    d = asyncio.create_task(worker(7, 0.5))
    g3 = asyncio.gather(c, d, return_exceptions=True)
    await asyncio.sleep(0)
    c.cancel("drop 6")
    print("g3:", [repr(r) for r in await g3])


if __name__ == "__main__":
    asyncio.run(main())
