# test_wait_for_blocking, test_wait_for_race_condition, test_asyncio_wait_for_timeout
# (test_waitfor.py): timeout=None awaits directly; a future resolved before the deadline
# wins; a coroutine past its deadline is cancelled and its cleanup runs.
import asyncio


async def coro():
    return "done"


async def slow():
    try:
        await asyncio.sleep(1)
    finally:
        print("slow exited")


async def main():
    loop = asyncio.get_running_loop()
    print("blocking:", await asyncio.wait_for(coro(), timeout=None))
    fut = loop.create_future()
    loop.call_later(0.1, fut.set_result, "ok")
    print("race:", await asyncio.wait_for(fut, timeout=0.2))
    try:
        await asyncio.wait_for(slow(), 0.5)
    except TimeoutError:
        print("slow timed out")
