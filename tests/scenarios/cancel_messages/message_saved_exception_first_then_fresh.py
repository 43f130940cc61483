# The first await of a cancelled task gets the saved CancelledError (with its message);
# later result() calls build a fresh one.
import asyncio


async def victim():
    await asyncio.sleep(10)


async def main():
    t = asyncio.create_task(victim())
    await asyncio.sleep(0)
    t.cancel("saved")
    try:
        await t
    except asyncio.CancelledError as e:
        print("first:", e.args)
    try:
        t.result()
    except asyncio.CancelledError as e:
        print("second:", e.args)


if __name__ == "__main__":
    asyncio.run(main())
