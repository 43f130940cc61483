# Cancelling a task that awaits another task cancels the awaited one first (inside the same
# cancel() call); the CancelledError that escapes the inner task is the one the outer gets.
import asyncio


async def leaf():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("leaf cancelled")
        raise


async def middle(leaf_task):
    try:
        await leaf_task
    except asyncio.CancelledError as exc:
        print("middle sees", exc.args)
        raise


async def main():
    l = asyncio.create_task(leaf())
    m = asyncio.create_task(middle(l))
    await asyncio.sleep(1)
    m.cancel("from main")
    try:
        await m
    except asyncio.CancelledError:
        print("m cancelled:", m.cancelled(), "l cancelled:", l.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
