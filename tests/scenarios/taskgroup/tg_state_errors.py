# A TaskGroup cannot be entered twice; create_task before entering or after finishing
# raises RuntimeError. Port of test_taskgroup_already_entered, _double_enter, _finished,
# _not_entered (test_taskgroups.py).
import asyncio


async def main():
    tg = asyncio.TaskGroup()
    coro = asyncio.sleep(0)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print("not entered:", e)
    coro.close()
    async with tg:
        try:
            async with tg:
                pass
        except RuntimeError as e:
            print("already entered:", e)
    try:
        async with tg:
            pass
    except RuntimeError as e:
        print("double enter:", e)
    coro = asyncio.sleep(0)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print("finished:", e)
    coro.close()


if __name__ == "__main__":
    asyncio.run(main())
