# A child error and an outer cancel of the parent: 3.13 re-arms the parent's cancellation
# so the later sleep is cancelled; 3.11/3.12 lose it. Port of test_error_and_cancel.
# differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def main():
    event = asyncio.Event()

    async def raise_error():
        event.set()
        await asyncio.sleep(0)
        raise RuntimeError()

    async def inner():
        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(raise_error())
                await asyncio.sleep(1)
                print("sleep in group not cancelled")
        except* RuntimeError:
            print("RuntimeError, cancelling:", asyncio.current_task().cancelling())
        print("after group, cancelling:", asyncio.current_task().cancelling())
        await asyncio.sleep(1)
        print("sleep after group not cancelled")

    t = asyncio.create_task(inner())
    await event.wait()
    print("t.cancelling() before:", t.cancelling())
    t.cancel()
    print("t.cancelling() after:", t.cancelling())
    try:
        await t
        print("t finished")
    except asyncio.CancelledError:
        print("t cancelled:", t.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
