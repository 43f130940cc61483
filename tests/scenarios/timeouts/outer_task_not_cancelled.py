# A task whose timeout expired and was handled ends finished, not cancelled.
# Port of test_outer_task_is_not_cancelled (test_timeouts.py).
import asyncio


async def outer():
    try:
        async with asyncio.timeout(0.001):
            await asyncio.sleep(10)
    except TimeoutError:
        print("outer: TimeoutError")


async def main():
    task = asyncio.create_task(outer())
    await task
    print("cancelled:", task.cancelled(), "done:", task.done())


if __name__ == "__main__":
    asyncio.run(main())
