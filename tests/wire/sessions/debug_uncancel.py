# The whole-debugging-session scenario of tests/wire/sessions.py: a worker swallows a
# cancellation with uncancel() (the breakpoint), then the inspector cancels it again.
import asyncio


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        asyncio.current_task().uncancel()
        print("worker swallowed the cancel")
    await asyncio.sleep(1)
    return "worker done"


async def main():
    t = asyncio.create_task(worker())
    t.set_name("worker")
    await asyncio.sleep(0.5)
    t.cancel("first")
    print(await t)
