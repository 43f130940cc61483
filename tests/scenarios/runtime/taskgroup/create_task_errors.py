# test_taskgroup_task_name, _no_create_task_after_failure, _finished, _not_entered,
# _already_entered, _double_enter: naming (3.11/3.12 rename a Task-N afterwards) and the
# RuntimeErrors of create_task and __aenter__, with CPython's messages.
import asyncio


async def coro():
    await asyncio.sleep(0)


async def coro1():
    await asyncio.sleep(0.001)
    1 / 0


async def coro2(g):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        try:
            g.create_task(coro1())
        except RuntimeError as e:
            print("RuntimeError:", e)


async def main():
    tg = asyncio.TaskGroup()
    try:
        tg.create_task(coro())
    except RuntimeError as e:
        print("RuntimeError:", e)
    async with tg as g:
        t = g.create_task(coro(), name="yolo")
        print("name", t.get_name())
        try:
            async with tg:
                pass
        except RuntimeError as e:
            print("RuntimeError:", e)
    try:
        tg.create_task(coro())
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        async with tg:
            pass
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(coro1())
            g.create_task(coro2(g))
    except ExceptionGroup as eg:
        print("ExceptionGroup", [type(e).__name__ for e in eg.exceptions])
