# Lesson: a TaskGroup cancelled from outside cancels its children and re-raises
# CancelledError, not an ExceptionGroup.
#
# main cancels `runner` at t=0.2 while its TaskGroup body waits. The CancelledError leaves
# the body; TaskGroup.__aexit__ sees it, aborts (cancelling both children) and waits for
# them. No child failed, so the group propagates the CancelledError and `runner` ends
# cancelled. The group did not uncancel the parent: the cancel came from outside, so it
# is not the group's to absorb.
import asyncio


async def child(name):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def runner():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child("c1"))
        tg.create_task(child("c2"))
        await asyncio.sleep(10)


async def main():
    t = asyncio.create_task(runner())
    await asyncio.sleep(0.2)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("runner cancelled; cancelling =", t.cancelling())
