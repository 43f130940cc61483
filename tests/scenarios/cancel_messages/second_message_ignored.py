# Two cancel() calls with different messages on a task blocked in a future: the first
# message is used, the second cancel only counts.
import asyncio


async def victim():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("victim got", e.args)
        raise


async def main():
    t = asyncio.create_task(victim())
    await asyncio.sleep(0)
    print(t.cancel("first"), t.cancel("second"), t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaiter got", e.args)


if __name__ == "__main__":
    asyncio.run(main())
