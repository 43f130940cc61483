# Another task moves a timeout's deadline later and then disables it.
# Port of test_reschedule (test_timeouts.py).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    deadline1 = loop.time() + 10
    deadline2 = deadline1 + 20

    async def f():
        async with asyncio.timeout_at(deadline1) as cm:
            fut.set_result(cm)
            await asyncio.sleep(50)

    task = asyncio.create_task(f())
    cm = await fut
    print("when:", cm.when())
    cm.reschedule(deadline2)
    print("when:", cm.when())
    cm.reschedule(None)
    print("when:", cm.when())
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("task cancelled")
    print("expired:", cm.expired())


if __name__ == "__main__":
    asyncio.run(main())
