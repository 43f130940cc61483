# gather returns results in argument order, whatever order the children finish in.
import asyncio


async def after(d, v):
    await asyncio.sleep(d)
    print("finished", v)
    return v


async def main():
    print(await asyncio.gather(after(3, "a"), after(1, "b"), after(2, "c")))


if __name__ == "__main__":
    asyncio.run(main())
