# Lesson: cancel(msg) carries a message into the CancelledError, and a second cancel()
# before the first is delivered only adds to the count.
#
# The worker waits in sleep(1). main's first cancel("first") cancels that sleep future
# (cancelling 0 -> 1, result True). The second cancel("second") finds the waiter already
# cancelled, so it sets _must_cancel instead (cancelling 2, result True again). One
# CancelledError arrives, carrying "first" (the sleep future's); the pending
# _must_cancel is cleared by that same step. The worker had two cancel requests, so it
# must uncancel() twice to be back at 0 before it can carry on as if nothing happened.
import asyncio


async def worker():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        me = asyncio.current_task()
        print("worker got", e.args, "cancelling =", me.cancelling())
        me.uncancel()
        me.uncancel()
        print("after two uncancels:", me.cancelling())
    return "recovered"


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0)  # let the worker start and wait in sleep(1)
    print("first cancel:", t.cancel("first"))
    print("second cancel:", t.cancel("second"))
    print(await t)
