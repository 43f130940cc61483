# gather() of nothing returns a done future with [].
import asyncio


async def main():
    g = asyncio.gather()
    print("done at once:", g.done())
    print(await g)


if __name__ == "__main__":
    asyncio.run(main())
