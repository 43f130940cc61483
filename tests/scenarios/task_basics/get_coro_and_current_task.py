# get_coro() returns the task's coroutine; current_task() inside a task is that task;
# all_tasks() counts pending tasks.
import asyncio


async def child():
    print("child is current:", asyncio.current_task().get_name())
    await asyncio.sleep(1)


async def main():
    t = asyncio.create_task(child())
    print("coro name:", t.get_coro().__qualname__)
    print("pending tasks:", len(asyncio.all_tasks()))
    await t
    print("pending tasks:", len(asyncio.all_tasks()))


if __name__ == "__main__":
    asyncio.run(main())
