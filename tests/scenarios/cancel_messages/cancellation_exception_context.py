# A ValueError raised from the CancelledError of an awaited task cancelled with 'msg'.
# Port of test_cancellation_exception_context (test_tasks.py).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    async def sleep():
        fut.set_result(None)
        await asyncio.sleep(10)

    async def coro():
        inner_task = asyncio.create_task(sleep())
        await fut
        loop.call_soon(inner_task.cancel, "msg")
        try:
            await inner_task
        except asyncio.CancelledError as ex:
            raise ValueError("cancelled") from ex

    try:
        await asyncio.create_task(coro())
    except ValueError as e:
        print("args:", e.args, "cause:", type(e.__cause__).__name__, e.__cause__.args)


if __name__ == "__main__":
    asyncio.run(main())
