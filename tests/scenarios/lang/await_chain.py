# Awaiting coroutines that await coroutines; exceptions crossing await boundaries.
import asyncio

async def leaf(x):
    await asyncio.sleep(0.01)
    if x < 0:
        raise ValueError(f"negative {x}")
    return x + 1

async def middle(x):
    return await leaf(x) * 2

async def top(x):
    try:
        return await middle(x)
    except ValueError as e:
        return f"caught {e}"

async def main():
    print(await top(1), await top(-5))
    results = []
    for i in range(3):
        results.append(await middle(i))
    print(results)
    coro = leaf(3)
    print(type(coro).__name__, await coro)


if __name__ == "__main__":
    asyncio.run(main())
