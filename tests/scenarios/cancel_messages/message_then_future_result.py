# result() of a task cancelled with no message, None, a string and a non-string: only the
# args differ. Port of test_cancel_with_message_then_future_result (test_tasks.py).
import asyncio


async def sleep():
    await asyncio.sleep(10)


async def case(*cancel_args):
    task = asyncio.create_task(sleep())
    await asyncio.sleep(0)
    task.cancel(*cancel_args)
    done, pending = await asyncio.wait([task])
    task.result()


async def main():
    for args in ((), (None,), ("my message",), (5,)):
        try:
            await asyncio.create_task(case(*args))
        except asyncio.CancelledError as e:
            print(args, "->", e.args)


if __name__ == "__main__":
    asyncio.run(main())
