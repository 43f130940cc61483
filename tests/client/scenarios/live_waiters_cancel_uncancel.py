# What `tasklens top`'s `c` then `u` on the ticker do to live_waiters.py, written as plain asyncio
# so CPython can say what must follow: a loop callback (as the inspector is: `by` null) calls
# ticker.cancel() then ticker.uncancel() while main still sleeps. The client suite compares the
# trace after the inspector's cancel with this one's, field by field (t, seq, by, cause aside).
import asyncio


async def waiter(ev):
    await ev.wait()


async def ticker(n):
    for _ in range(n):
        await asyncio.sleep(0.25)


async def main():
    ev = asyncio.Event()
    w = asyncio.create_task(waiter(ev), name="waiter")
    t = asyncio.create_task(ticker(16), name="ticker")
    asyncio.get_running_loop().call_later(0.8, lambda: (t.cancel(), t.uncancel()))
    await asyncio.sleep(1.5)
    await t
    ev.set()
    await w
