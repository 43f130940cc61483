# A task awaiting shield() is cancelled while the inner task keeps running; it catches the
# cancel, uncancels, and awaits the same inner task again through a second shield.
import asyncio


async def inner():
    await asyncio.sleep(2)
    print("inner done")
    return "value"


async def waiter(t):
    try:
        return await asyncio.shield(t)
    except asyncio.CancelledError:
        me = asyncio.current_task()
        print("waiter cancelled, cancelling =", me.cancelling())
        me.uncancel()
        return await asyncio.shield(t)


async def main():
    t = asyncio.create_task(inner())
    w = asyncio.create_task(waiter(t))
    await asyncio.sleep(1)
    w.cancel("once")
    print("waiter returned:", await w)
