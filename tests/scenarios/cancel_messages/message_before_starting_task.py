# A message given to cancel() before the task's first step.
# Port of test_cancel_with_message_before_starting_task (test_tasks.py).
import asyncio


async def sleep():
    await asyncio.sleep(10)


async def coro():
    task = asyncio.create_task(sleep())
    task.cancel("my message")
    done, pending = await asyncio.wait([task])
    task.exception()


async def main():
    try:
        await asyncio.create_task(coro())
    except asyncio.CancelledError as e:
        print("args:", e.args)


if __name__ == "__main__":
    asyncio.run(main())
