# A child fails while the group's parent is being cancelled from outside (test_taskgroup_08,
# test_error_and_cancel).  3.13+ re-arm the outer cancellation (uncancel + cancel) when
# raising the ExceptionGroup, so it hits the next await; 3.11/3.12 lose it and run on.
import asyncio


async def bad_cleanup():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        raise ValueError("cleanup failed")


async def runner():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(bad_cleanup())
            await asyncio.sleep(10)
    except* ValueError:
        print("runner caught the group; cancelling =", asyncio.current_task().cancelling())
    await asyncio.sleep(0)
    print("runner still running")


async def main():
    r = asyncio.create_task(runner())
    await asyncio.sleep(1)
    r.cancel()
    try:
        await r
        print("runner finished")
    except asyncio.CancelledError:
        print("runner cancelled")


if __name__ == "__main__":
    asyncio.run(main())
