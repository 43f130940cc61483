# Without return_exceptions the first exception finishes gather at once; the other
# children are not cancelled, and cancelling gather afterwards does nothing (it is done).
import asyncio


async def ok(n, d):
    await asyncio.sleep(d)
    print("ok", n, "finished")
    return n


async def fail(d):
    await asyncio.sleep(d)
    raise ValueError("bad")


async def main():
    t = asyncio.create_task(ok(1, 2))
    g = asyncio.gather(t, fail(1))
    try:
        await g
    except ValueError as exc:
        print("gather raised ValueError:", exc.args)
    print("cancel after done ->", g.cancel(), "t done:", t.done())
    print("t:", await t)
