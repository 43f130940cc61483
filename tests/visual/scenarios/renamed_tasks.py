# Tasks named at creation, for the pictures' lanes: under 3.11 and 3.12 asyncio.create_task
# names a task after creating it, so the trace creates Task-2..Task-4 and later speaks of
# fetch, parse and store — first of fetch, which was not the last created. Each task must
# keep one lane (the checks count lanes against task_created events).
import asyncio


async def fetch():
    await asyncio.sleep(0.1)


async def parse():
    await asyncio.sleep(1)


async def store():
    await asyncio.sleep(1)


async def main():
    f = asyncio.create_task(fetch(), name="fetch")
    p = asyncio.create_task(parse(), name="parse")
    s = asyncio.create_task(store(), name="store")
    await f
    p.cancel()
    await asyncio.gather(p, s, return_exceptions=True)
