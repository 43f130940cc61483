# After a group whose child failed, the parent's cancelling() is back to 0.
# Port of test_cancelling_level_preserved (test_taskgroups.py).
# differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def raise_after(t, e):
    await asyncio.sleep(t)
    raise e()


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(raise_after(0.0, RuntimeError))
    except* RuntimeError:
        print("caught RuntimeError")
    print("cancelling:", asyncio.current_task().cancelling())


if __name__ == "__main__":
    asyncio.run(main())
