# wait_for(coro): 3.11 wraps it in a task (a task_created event), 3.12+ await it inline
# inside `async with timeout`. differs: 3.11 vs 3.12/3.13/3.14
import asyncio


async def work():
    await asyncio.sleep(1)
    return asyncio.current_task().get_name()


async def main():
    print("ran in", await asyncio.wait_for(work(), 5))


if __name__ == "__main__":
    asyncio.run(main())
