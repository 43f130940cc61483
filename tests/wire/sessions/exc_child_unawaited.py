# stopOnException, a child task's exception that nobody awaits: the session stops once,
# at the child's `done` (state exception), though main never retrieves it and finishes.
import asyncio


async def worker():
    await asyncio.sleep(1)
    raise ValueError("worker failed")


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(2)
    print("main done", t.done())


if __name__ == "__main__":
    asyncio.run(main())
