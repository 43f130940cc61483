# test_taskgroup_09: the body raises after a pause; the group aborts its children and raises an
# ExceptionGroup holding the body's error (no parent cancel: the group did not request one).
import asyncio


async def foo(delay):
    await asyncio.sleep(delay)
    return 42


async def runner(pause):
    async with asyncio.TaskGroup() as g:
        t1 = g.create_task(foo(1))
        t2 = g.create_task(foo(2))
        if pause:
            await asyncio.sleep(0.1)
        1 / 0


async def main():
    for pause in (True,):
        try:
            await runner(pause)
        except ExceptionGroup as eg:
            print("pause", pause, [type(e).__name__ for e in eg.exceptions],
                  "cancelling", asyncio.current_task().cancelling())
