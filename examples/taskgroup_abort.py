# Lesson: when one child of a TaskGroup fails, the group aborts and cancels its siblings.
#
# `fails` raises ValueError at t=0.2. The group's done-callback starts the abort
# (taskgroup_abort): it cancels every unfinished child (by nobody: a loop callback does it)
# and cancels the parent task too, so the parent stops waiting in the `async with` body.
# The sibling `slow` sees CancelledError and its `finally` runs. When the group exits, the
# parent's own cancel is uncancelled and the children's errors come out as an
# ExceptionGroup, which `except*` unpacks.
import asyncio


async def slow(name):
    try:
        await asyncio.sleep(10)
    finally:
        print(name, "cleans up")


async def fails():
    await asyncio.sleep(0.2)
    raise ValueError("boom")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(slow("a"))
            tg.create_task(fails())
            tg.create_task(slow("b"))
            await asyncio.sleep(1)
            print("never printed: the body was cancelled")
    except* ValueError as eg:
        print("group raised", [str(e) for e in eg.exceptions])
