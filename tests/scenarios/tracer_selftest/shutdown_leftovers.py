# Tasks still pending when main returns are cancelled by the runner in creation order and
# awaited (a stubborn one delays `exit` by its cleanup); cancel() comes from no task.
import asyncio


async def sleeper(n):
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("sleeper", n, "cancelled at shutdown")
        raise


async def stubborn():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("stubborn cleans up first")
        await asyncio.sleep(1)
        print("stubborn done cleaning")
    return "ignored"


async def late():
    print("late started")
    await asyncio.sleep(100)


async def main():
    keep = [asyncio.create_task(sleeper(1)), asyncio.create_task(stubborn()),
            asyncio.create_task(sleeper(2), name="named-sleeper")]
    await asyncio.sleep(0.5)
    keep.append(asyncio.create_task(late()))
    return keep


if __name__ == "__main__":
    asyncio.run(main())
