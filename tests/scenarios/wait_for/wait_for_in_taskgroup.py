# A TaskGroup child times out in wait_for: its TimeoutError aborts the group.
# differs: 3.11 vs 3.12 vs 3.13/3.14
import asyncio


async def waits():
    await asyncio.wait_for(asyncio.sleep(10), 1)


async def sibling():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("sibling cancelled at", asyncio.get_running_loop().time())
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(waits())
            tg.create_task(sibling())
    except ExceptionGroup as eg:
        print([type(e).__name__ for e in eg.exceptions])


if __name__ == "__main__":
    asyncio.run(main())
