# The body fails while the group aborts for a child's error: both errors are grouped.
# Port of test_taskgroup_19 (test_taskgroups.py).
import asyncio


class MyExc(Exception):
    pass


async def crash_soon():
    await asyncio.sleep(0.1)
    1 / 0


async def nested():
    try:
        await asyncio.sleep(10)
    finally:
        raise MyExc


async def runner():
    async with asyncio.TaskGroup() as g:
        g.create_task(crash_soon())
        await nested()


async def main():
    try:
        await asyncio.create_task(runner())
    except ExceptionGroup as eg:
        print(sorted(type(e).__name__ for e in eg.exceptions))


if __name__ == "__main__":
    asyncio.run(main())
