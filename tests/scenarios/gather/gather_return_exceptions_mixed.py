# return_exceptions=True: a failure and a child cancelled from outside become values.
import asyncio


async def ok():
    await asyncio.sleep(1)
    return "ok"


async def bad():
    await asyncio.sleep(0.5)
    raise KeyError("bad")


async def victim():
    await asyncio.sleep(10)


async def main():
    v = asyncio.create_task(victim())
    asyncio.get_running_loop().call_later(0.2, v.cancel, "external")
    res = await asyncio.gather(ok(), bad(), v, return_exceptions=True)
    print([repr(r) for r in res])


if __name__ == "__main__":
    asyncio.run(main())
