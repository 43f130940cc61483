# A BaseException subclass from the body and a child's error: BaseExceptionGroup.
# Port of test_taskgroup_20a (test_taskgroups.py).
import asyncio


class MyBaseExc(BaseException):
    pass


async def crash_soon():
    await asyncio.sleep(0.1)
    1 / 0


async def nested():
    try:
        await asyncio.sleep(10)
    finally:
        raise MyBaseExc


async def runner():
    async with asyncio.TaskGroup() as g:
        g.create_task(crash_soon())
        await nested()


async def main():
    try:
        await runner()
    except BaseExceptionGroup as eg:
        print(type(eg).__name__, sorted(type(e).__name__ for e in eg.exceptions))


if __name__ == "__main__":
    asyncio.run(main())
