# A task created by a cleanup during shutdown is not in the list _cancel_all_tasks took:
# it is never cancelled, and runs (here to its end) while the shutdown gather waits.
import asyncio


async def late():
    print("late task started")
    await asyncio.sleep(0.5)
    print("late task finished")


async def background():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        asyncio.create_task(late())
        await asyncio.sleep(1)
        raise


async def main():
    asyncio.create_task(background())
    await asyncio.sleep(0)


if __name__ == "__main__":
    asyncio.run(main())
