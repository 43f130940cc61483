# Scopes that cancel their own task, for the pictures' arrows: main's Timeout expires and
# cancels main itself; then a TaskGroup whose child fails aborts and cancels its parent (main,
# waiting in the group's body) as well as its other child. Every one of those cancels must
# have an arrow from the expiry/abort to the cancelled task, the self-cancels included.
import asyncio


async def fails():
    await asyncio.sleep(0.1)
    raise ValueError("boom")


async def sleeper():
    await asyncio.sleep(10)


async def main():
    try:
        async with asyncio.timeout(0.5):
            await asyncio.sleep(10)
    except TimeoutError:
        print("main timed out")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails())
            tg.create_task(sleeper())
            await asyncio.sleep(10)
    except ExceptionGroup:
        print("the group failed")
