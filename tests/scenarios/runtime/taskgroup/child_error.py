# test_cancel_children_on_child_error / test_taskgroup_04: a child fails, the group aborts
# the others and cancels its parent once; the errors come out as one ExceptionGroup.
import asyncio


async def foo1():
    await asyncio.sleep(0.1)
    1 / 0


async def foo2():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("foo2 cancelled")
        raise


async def runner():
    async with asyncio.TaskGroup() as g:
        g.create_task(foo1())
        g.create_task(foo1())
        g.create_task(foo1())
        g.create_task(foo2())
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("runner cancelled, cancelling", asyncio.current_task().cancelling())
            raise


async def main():
    try:
        await asyncio.create_task(runner())
    except ExceptionGroup as eg:
        print("ExceptionGroup", [type(e).__name__ for e in eg.exceptions])
