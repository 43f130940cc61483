# The visual tests' load case: about 100,000 trace events from 3,000 tasks that each let five
# nested-in-a-group timeouts expire, then one failing child aborts the group and cancels the rest.
import asyncio


async def worker(i):
    for k in range(5):
        try:
            async with asyncio.timeout(0.001 * (k + 1) + 0.00001 * i):
                await asyncio.sleep(1)
        except TimeoutError:
            pass
    await asyncio.sleep(10)


async def fail():
    await asyncio.sleep(5)
    raise ValueError("stop")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            for i in range(3000):
                tg.create_task(worker(i))
            tg.create_task(fail())
    except* ValueError:
        print("group aborted")
