# A worker catches the CancelledError and returns without uncancel(): cancelling() stays 1
# (diagnostic swallowed-cancel), and an uncancel() at zero elsewhere (uncancel-at-zero).
import asyncio


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        return "swallowed"


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0)
    t.cancel()
    print(await t)
    print(asyncio.current_task().uncancel())
