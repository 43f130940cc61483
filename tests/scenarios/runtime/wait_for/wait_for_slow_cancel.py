# test_wait_for_waits_for_task_cancellation (+ _w_timeout_0) and
# test_wait_for_reraises_exception_during_cancellation (test_waitfor.py): wait_for waits
# until the cancelled task is really done; an exception raised while it cancels
# propagates instead of TimeoutError.
import asyncio


class FooException(Exception):
    pass


async def slow_to_cancel(tag):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        await asyncio.sleep(0.5)
        raise
    finally:
        print(tag, "done")


async def raises_on_cancel():
    try:
        await asyncio.sleep(0.2)
    finally:
        raise FooException


async def main():
    t = asyncio.create_task(slow_to_cancel("first"))
    try:
        await asyncio.wait_for(t, timeout=0.25)
    except TimeoutError as exc:
        print("TimeoutError, context", type(exc.__context__).__name__)
    t2 = asyncio.create_task(slow_to_cancel("second"))
    await asyncio.sleep(0.25)
    try:
        await asyncio.wait_for(t2, timeout=0)
    except TimeoutError as exc:
        print("TimeoutError at 0, context", type(exc.__context__).__name__)
    t3 = asyncio.create_task(raises_on_cancel())
    try:
        await asyncio.wait_for(t3, timeout=0.1)
    except FooException:
        print("FooException propagated")
