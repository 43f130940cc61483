# Async comprehensions and await inside comprehensions: list, set and dict forms over an
# async generator, an async generator expression consumed by async for, conditions, and
# nested loops mixing async for and for.
import asyncio


async def numbers(n):
    for i in range(n):
        await asyncio.sleep(0.01)
        yield i


async def double(x):
    await asyncio.sleep(0.01)
    return x * 2


async def main():
    print([x async for x in numbers(5)])
    print({x % 3 async for x in numbers(7)})
    print({x: x * x async for x in numbers(4) if x % 2 == 0})
    print([await double(x) for x in range(4)])
    print([await double(x) async for x in numbers(3)])
    print([(x, y) async for x in numbers(3) for y in "ab" if x != 1])
    squares = (x * x async for x in numbers(4))
    async for s in squares:
        print("square", s)
    print(sum([x async for x in numbers(10)]))


if __name__ == "__main__":
    asyncio.run(main())
