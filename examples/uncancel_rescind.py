# Lesson: since 3.13, uncancel() down to zero rescinds a cancel that has not arrived yet.
#
# The task cancels itself: cancel() sets _must_cancel (the CancelledError is thrown at
# the next step) and cancelling() becomes 1. It then changes its mind and calls
# uncancel() before yielding. In 3.11 and 3.12 uncancel() only decrements the counter:
# _must_cancel stays set, and the CancelledError arrives at the next await anyway. In
# 3.13 and later, uncancel() reaching 0 also clears _must_cancel (the trace marks it
# `rescinded`), and the task survives. `make demo` runs this file under 3.12 and 3.13.
import asyncio


async def worker():
    me = asyncio.current_task()
    me.cancel()
    print("after cancel: cancelling =", me.cancelling())
    me.uncancel()
    try:
        await asyncio.sleep(0.1)
        print("survived: the cancel was rescinded")
    except asyncio.CancelledError:
        print("cancelled anyway: uncancel() did not rescind")
        raise


async def main():
    t = asyncio.create_task(worker())
    try:
        await t
    except asyncio.CancelledError:
        pass
    print("worker cancelled:", t.cancelled())
