# test_cancelling_level_preserved / test_nested_groups_both_cancelled: the parent's
# cancelling() is back to where it was once each group has exited.
import asyncio


async def raise_after(t, e):
    await asyncio.sleep(t)
    raise e()


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(raise_after(0.0, RuntimeError))
    except* RuntimeError:
        pass
    print("after one group", asyncio.current_task().cancelling())
    try:
        async with asyncio.TaskGroup() as outer_tg:
            try:
                async with asyncio.TaskGroup() as inner_tg:
                    inner_tg.create_task(raise_after(0, RuntimeError))
                    outer_tg.create_task(raise_after(0, ValueError))
            except* RuntimeError:
                pass
            print("between groups", asyncio.current_task().cancelling())
    except* ValueError:
        pass
    print("after both", asyncio.current_task().cancelling())
