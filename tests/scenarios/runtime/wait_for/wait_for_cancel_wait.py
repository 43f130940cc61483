# _test_cancel_wait_for (test_waitfor.py, bpo-23219): cancelling the task running
# wait_for cancels the awaited task too, with timeout None and with a timeout.
import asyncio


async def blocking_coroutine():
    fut = asyncio.get_running_loop().create_future()
    await fut


async def main():
    loop = asyncio.get_running_loop()
    for timeout in (None, 60.0):
        task = asyncio.create_task(blocking_coroutine())
        wait = asyncio.create_task(asyncio.wait_for(task, timeout))
        loop.call_soon(wait.cancel)
        try:
            await wait
        except asyncio.CancelledError:
            print("wait cancelled; task cancelled:", task.cancelled())
