# wait_for(timeout=None) on a future: a cancel of the waiting task cancels the future.
# differs: 3.11 vs 3.12/3.13/3.14
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    async def waiter():
        return await asyncio.wait_for(fut, None)

    t = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    t.cancel("stop")
    try:
        await t
    except asyncio.CancelledError as e:
        print("waiter cancelled", e.args, "fut cancelled:", fut.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
