# A message given to the task awaiting a shield reaches that task, not the inner one.
import asyncio


async def inner():
    await asyncio.sleep(2)
    return "inner done"


async def outer(t):
    try:
        await asyncio.shield(t)
    except asyncio.CancelledError as e:
        print("outer got", e.args)
        raise


async def main():
    it = asyncio.create_task(inner())
    ot = asyncio.create_task(outer(it))
    await asyncio.sleep(1)
    ot.cancel("outer only")
    try:
        await ot
    except asyncio.CancelledError:
        print("outer cancelled")
    print(await it)


if __name__ == "__main__":
    asyncio.run(main())
