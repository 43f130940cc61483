# A task cancels itself, then awaits a nested task: the pending cancel goes on to the
# nested task and its future (bpo-34872). Port of test_cancel_awaited_task (test_tasks.py).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    holder = []

    async def nested():
        await fut

    async def coro():
        nested_task = asyncio.create_task(nested())
        holder.append(nested_task)
        await asyncio.sleep(0)
        asyncio.current_task().cancel()
        await nested_task

    task = asyncio.create_task(coro())
    try:
        await task
    except asyncio.CancelledError:
        print("task", task.cancelled(), "nested", holder[0].cancelled(), "fut", fut.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
