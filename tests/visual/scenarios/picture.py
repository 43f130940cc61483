# The README's picture: a TaskGroup whose failing child aborts it, a worker inside nested
# timeouts (the inner one expires and is uncancelled), a shielded task that outlives the group,
# and a direct task-to-task cancel.
import asyncio


async def precious():
    await asyncio.sleep(0.3)


async def guarded(p):
    await asyncio.shield(p)


async def nested_timeouts():
    async with asyncio.timeout(0.25):
        try:
            async with asyncio.timeout(0.05):
                await asyncio.sleep(1)
        except TimeoutError:
            pass
        await asyncio.sleep(1)


async def failing():
    await asyncio.sleep(0.15)
    raise ValueError("boom")


async def sleeper():
    await asyncio.sleep(10)


async def main():
    p = asyncio.create_task(precious(), name="precious")
    s = asyncio.create_task(sleeper(), name="sleeper")
    await asyncio.sleep(0.02)
    s.cancel("not needed")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(guarded(p))
            tg.create_task(nested_timeouts())
            tg.create_task(failing())
    except* ValueError:
        print("group aborted")
    await p
