# A run slow enough to watch on the real clock (about 4 s): main first waits on a sleep, then
# on the ticker task; the waiter waits on an Event the whole time. The client suite pauses it,
# lists its tasks, cancels/uncancels from `tasklens top`, and watches `waiting on` change.
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
    await asyncio.sleep(1.5)
    await t
    ev.set()
    await w
