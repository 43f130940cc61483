# Leftover tasks that await one another: all are cancelled in creation order; the
# dependent one sees its awaited task's cancellation.
import asyncio


async def a():
    await asyncio.sleep(100)


async def b(ta):
    try:
        await ta
    except asyncio.CancelledError:
        print("b: cancelled while awaiting a; a cancelled:", ta.cancelled())
        raise


async def main():
    ta = asyncio.create_task(a())
    asyncio.create_task(b(ta))
    await asyncio.sleep(0)


if __name__ == "__main__":
    asyncio.run(main())
