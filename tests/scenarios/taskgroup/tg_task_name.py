# TaskGroup.create_task(name=...): 3.11/3.12 create the task as Task-N and rename it,
# 3.13 names it at creation. Port of test_taskgroup_task_name (test_taskgroups.py).
# differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def coro():
    await asyncio.sleep(0)


async def main():
    async with asyncio.TaskGroup() as g:
        t = g.create_task(coro(), name="yolo")
        print(t.get_name())
        t2 = g.create_task(coro())
        print(t2.get_name())


if __name__ == "__main__":
    asyncio.run(main())
