# Children that finish during eager start (eager_task_factory, 3.12+): 3.12/3.13 handle a
# child already done at creation at once (a failure aborts inside create_task); 3.14 adds
# it and lets its done-callback run a pass later. 3.11 has no eager start.
import asyncio


async def quick():
    return 1


async def boom():
    raise ValueError("eager")


async def slow():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("slow cancelled")
        raise


async def main():
    if hasattr(asyncio, "eager_task_factory"):
        asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(slow())
            t = g.create_task(quick())
            print("quick done", t.done())
            g.create_task(boom())
            print("after boom, cancelling", asyncio.current_task().cancelling())
            await asyncio.sleep(0.5)
    except ExceptionGroup as eg:
        print("ExceptionGroup", [type(e).__name__ for e in eg.exceptions])
