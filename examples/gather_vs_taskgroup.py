# Lesson: gather() does not cancel the siblings of a failed awaitable; TaskGroup does.
#
# First, gather(a, b) where `a` fails at t=0.1: gather's future gets the ValueError at
# once, main sees it, but `b` keeps running to completion (nobody cancels it; it is
# awaited here only to show that). Then the same two children in a TaskGroup: the failure
# aborts the group, `b` is cancelled at t=0.1 and the error comes out as an
# ExceptionGroup.
import asyncio


async def a():
    await asyncio.sleep(0.1)
    raise ValueError("a failed")


async def b(label):
    try:
        await asyncio.sleep(0.5)
        print(label, "b finished")
    except asyncio.CancelledError:
        print(label, "b was cancelled")
        raise


async def main():
    tb = asyncio.ensure_future(b("gather:"))
    try:
        await asyncio.gather(a(), tb)
    except ValueError as e:
        print("gather raised", e, "- b cancelled?", tb.cancelled())
    await tb

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(a())
            tg.create_task(b("taskgroup:"))
    except* ValueError:
        print("taskgroup raised an ExceptionGroup")
