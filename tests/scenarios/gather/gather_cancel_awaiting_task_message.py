# Cancelling the task that awaits gather with a message: children get it; the task ends
# cancelled.
import asyncio


async def child(n):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError as e:
        print("child", n, e.args)
        raise


async def parent():
    await asyncio.gather(child(1), child(2))


async def main():
    p = asyncio.create_task(parent())
    await asyncio.sleep(1)
    p.cancel("parent stop")
    try:
        await p
    except asyncio.CancelledError as e:
        print("parent cancelled", e.args)


if __name__ == "__main__":
    asyncio.run(main())
