# FIRST_EXCEPTION with no failure behaves like ALL_COMPLETED.
import asyncio


async def after(d):
    await asyncio.sleep(d)
    return d


async def main():
    ts = [asyncio.create_task(after(d)) for d in (1, 2)]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending), asyncio.get_running_loop().time())


if __name__ == "__main__":
    asyncio.run(main())
