# Inner and outer groups both abort in one pass; the parent's cancel count unwinds level
# by level. Port of test_nested_groups_both_cancelled (test_taskgroups.py).
# differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def raise_after(t, e):
    await asyncio.sleep(t)
    raise e()


async def main():
    try:
        async with asyncio.TaskGroup() as outer_tg:
            try:
                async with asyncio.TaskGroup() as inner_tg:
                    inner_tg.create_task(raise_after(0, RuntimeError))
                    outer_tg.create_task(raise_after(0, ValueError))
            except* RuntimeError:
                print("inner RuntimeError")
            print("cancelling inside outer:", asyncio.current_task().cancelling())
    except* ValueError:
        print("outer ValueError")
    print("cancelling:", asyncio.current_task().cancelling())


if __name__ == "__main__":
    asyncio.run(main())
