# Lesson: a CancelledError swallowed without uncancel() is still counted, and it changes
# what a surrounding timeout does.
#
# Each worker runs inside a 1 s timeout. At t=0.1 main cancels it (cancelling 0 -> 1); the
# worker catches the CancelledError and carries on. At t=1 the timeout expires
# (cancelling 1 -> 2). On exit Timeout.__aexit__ calls uncancel() (2 -> 1) and compares
# with the level at entry (0): 1 > 0 means "an outer cancel is pending", so it lets the
# CancelledError through instead of raising TimeoutError. `careless` is therefore
# cancelled although it meant to ignore the cancel. `careful` calls uncancel() when it
# swallows the cancel (1 -> 0), so its timeout converts the expiry into TimeoutError.
import asyncio


async def worker(name, fix):
    try:
        async with asyncio.timeout(1):
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                if fix:
                    asyncio.current_task().uncancel()
                print(name, "swallows the cancel")
            await asyncio.sleep(5)
    except TimeoutError:
        print(name, "timed out, as intended")


async def main():
    for name, fix in (("careless", False), ("careful", True)):
        t = asyncio.create_task(worker(name, fix))
        await asyncio.sleep(0.1)
        t.cancel()
        try:
            await t
            print(name, "finished")
        except asyncio.CancelledError:
            print(name, "ended cancelled: the timeout became a CancelledError")
