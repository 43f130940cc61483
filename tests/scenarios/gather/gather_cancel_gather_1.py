# Cancelling a gather whose children are all done: cancel() returns False and the result
# stands. After test_cancel_gather_1 (test_tasks.py).
import asyncio


async def quick(v):
    return v


async def main():
    g = asyncio.gather(quick(1), quick(2))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("children done, cancel ->", g.cancel())
    print(await g)


if __name__ == "__main__":
    asyncio.run(main())
