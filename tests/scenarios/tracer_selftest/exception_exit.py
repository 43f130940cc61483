# A pending awaited task that fails throws its exception into the waiter; awaiting a task
# that is already done raises without a throw; main's own exception ends the run.
import asyncio


async def helper(d, exc):
    await asyncio.sleep(d)
    raise exc


async def main():
    t = asyncio.create_task(helper(0.5, KeyError("missing")))
    try:
        await t
    except KeyError as exc:
        print("caught", repr(exc))
    u = asyncio.create_task(helper(0.5, LookupError("gone")))
    await asyncio.sleep(1)
    try:
        await u
    except LookupError:
        print("already-done task raised directly")
    raise ValueError("main fails")


if __name__ == "__main__":
    asyncio.run(main())
