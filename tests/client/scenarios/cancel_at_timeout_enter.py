# What the breakpoint prompt's `x` does to examples/timeout_outer_cancel.py when the run stops
# at `--break timeout_enter` and the user cancels Task-2, written as plain asyncio so CPython
# can say what must follow: a loop callback queued right behind the job's first step (the
# step that enters Timeout-1) cancels the job. The client suite compares everything after
# that cancel with the inspector's run (contract fields; t, seq, by, cause aside).
import asyncio


async def job():
    try:
        async with asyncio.timeout(1):
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("job cleans up slowly")
                await asyncio.sleep(10)
    except TimeoutError:
        print("TimeoutError (not in this scenario)")


async def main():
    t = asyncio.create_task(job())
    asyncio.get_running_loop().call_soon(t.cancel)
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("job ended cancelled, not timed out")
