# stopOnException, a TaskGroup child's failure: the session stops at the child's raise;
# the TaskGroup cancels its sibling (CancelledError: no stop) and raises a new exception,
# an ExceptionGroup, out of main: the second stop.
import asyncio


async def failing():
    await asyncio.sleep(1)
    raise RuntimeError("child broke")


async def sibling():
    await asyncio.sleep(10)


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(failing())
        tg.create_task(sibling())


if __name__ == "__main__":
    asyncio.run(main())
