# What the inspector does in tests/wire/sessions.py's debugging session, written as
# CPython can run it: right after the worker's uncancel, a plain loop callback (no
# current task, so `by` is null) cancels the worker with "inspector". Its CPython trace
# is the expected trace of the steered session.
import asyncio


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        asyncio.current_task().uncancel()
        print("worker swallowed the cancel")
        asyncio.get_running_loop().call_soon(asyncio.current_task().cancel, "inspector")
    await asyncio.sleep(1)
    return "worker done"


async def main():
    t = asyncio.create_task(worker())
    t.set_name("worker")
    await asyncio.sleep(0.5)
    t.cancel("first")
    print(await t)
