# asyncio.run's _cancel_all_tasks: tasks left when main returns are cancelled in creation
# order and awaited through gather(*to_cancel, return_exceptions=True); one that resists
# the cancel for a while, and one that fails while cancelled, are still waited for.
import asyncio


async def resists():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("resists: cancelled, cleaning up")
        await asyncio.sleep(1)
        print("resists: cleaned up")
        return "ignored"


async def fails():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        raise RuntimeError("failed while cancelled")


async def plain():
    await asyncio.sleep(10)


async def main():
    asyncio.create_task(resists())
    asyncio.create_task(fails())
    asyncio.create_task(plain())
    await asyncio.sleep(0.5)
    print("main returns")
