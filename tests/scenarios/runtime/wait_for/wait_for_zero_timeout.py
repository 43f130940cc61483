# test_wait_for_timeout_less_then_0_or_0* (test_waitfor.py): a done future is returned at
# once; a coroutine is wrapped in a task that is cancelled before it starts; a started task
# is cancelled and waited for, for timeout 0 and -1.
import asyncio


async def foo(tag):
    print("foo", tag, "started")
    try:
        await asyncio.sleep(10)
    finally:
        print("foo", tag, "finally")
    return "done"


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result("done")
    print("done future:", await asyncio.wait_for(fut, 0))
    try:
        await asyncio.wait_for(foo("coro"), 0)
    except TimeoutError:
        print("TimeoutError for a coroutine")
    for timeout in (0, -1):
        t = asyncio.create_task(foo(timeout))
        await asyncio.sleep(0)
        try:
            await asyncio.wait_for(t, timeout)
        except TimeoutError:
            print("TimeoutError for a started task; cancelled:", t.cancelled())
