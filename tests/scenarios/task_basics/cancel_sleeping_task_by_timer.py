# A sleeping task cancelled by a call_later(0.1) timer wakes at 0.1, not 5000.
# Port of test_task_cancel_sleeping_task (test_tasks.py).
import asyncio


async def sleep(dt):
    await asyncio.sleep(dt)


async def main():
    loop = asyncio.get_running_loop()
    sleeper = asyncio.create_task(sleep(5000))
    loop.call_later(0.1, sleeper.cancel)
    try:
        await sleeper
        print("slept in")
    except asyncio.CancelledError:
        print("cancelled at", loop.time())


if __name__ == "__main__":
    asyncio.run(main())
