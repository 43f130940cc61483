# Breaking out of `async for` drops the last reference to an unfinished async generator:
# asyncio's finalizer hook (base_events._asyncgen_finalizer_hook) schedules
# create_task(agen.aclose()) with call_soon, and the aclose task runs the generator's finally.
import asyncio


async def ticks(n):
    try:
        for i in range(n):
            await asyncio.sleep(0.1)
            yield i
    finally:
        print("ticks: finally")
        await asyncio.sleep(0.5)
        print("ticks: closed")


async def main():
    async for i in ticks(10):
        print("got", i)
        if i == 2:
            break
    print("after loop")
    await asyncio.sleep(1)
    print("main done")
