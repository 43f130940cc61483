# Once the group aborts, create_task raises RuntimeError.
# Port of test_taskgroup_no_create_task_after_failure (test_taskgroups.py).
# differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def coro1():
    await asyncio.sleep(0.001)
    1 / 0


async def coro2(g):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        try:
            g.create_task(coro1())
        except RuntimeError as e:
            print("RuntimeError:", e)


async def main():
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(coro1())
            g.create_task(coro2(g))
    except ExceptionGroup as eg:
        print([type(e).__name__ for e in eg.exceptions])


if __name__ == "__main__":
    asyncio.run(main())
