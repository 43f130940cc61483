# The task running a TaskGroup is cancelled from outside: the group aborts its children
# (cancelled by the parent task itself) and lets the CancelledError through.
import asyncio


async def child(n):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("child", n, "cancelled")
        raise


async def runner():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child(1))
        tg.create_task(child(2))
        await asyncio.sleep(10)


async def main():
    r = asyncio.create_task(runner())
    await asyncio.sleep(1)
    r.cancel("outer")
    try:
        await r
    except asyncio.CancelledError as exc:
        print("runner cancelled:", exc.args, "cancelling =", r.cancelling())


if __name__ == "__main__":
    asyncio.run(main())
