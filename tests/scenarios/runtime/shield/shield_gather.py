# test_shield_gather and test_gather_shield (test_tasks.py): shield(gather(...)) keeps the
# gather running when the shield is cancelled; gather(shield(a), shield(b)).cancel()
# cancels the shields' outer futures but not a and b.
import asyncio


async def child(n, d):
    await asyncio.sleep(d)
    return n


async def main():
    c1 = asyncio.create_task(child(1, 1))
    c2 = asyncio.create_task(child(2, 2))
    parent = asyncio.gather(c1, c2)
    outer = asyncio.shield(parent)
    await asyncio.sleep(0)
    print("cancel shield ->", outer.cancel())
    await asyncio.sleep(0)
    print("shield cancelled:", outer.cancelled())
    print("parent:", await parent)

    c3 = asyncio.create_task(child(3, 1))
    c4 = asyncio.create_task(child(4, 1))
    inner1 = asyncio.shield(c3)
    inner2 = asyncio.shield(c4)
    parent2 = asyncio.gather(inner1, inner2)
    await asyncio.sleep(0)
    print("cancel gather ->", parent2.cancel())
    try:
        await parent2
    except asyncio.CancelledError:
        print("gather raised CancelledError; cancelled() =", parent2.cancelled())
    print("shields cancelled:", inner1.cancelled(), inner2.cancelled())
    print("children:", await c3, await c4)
