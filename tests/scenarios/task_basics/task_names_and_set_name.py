# Task names: Task-N in creation order, name= takes no number, set_name renames.
# differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def noop():
    await asyncio.sleep(0)


async def main():
    print(asyncio.current_task().get_name())
    a = asyncio.create_task(noop())
    b = asyncio.create_task(noop(), name="custom")
    c = asyncio.create_task(noop())
    print(a.get_name(), b.get_name(), c.get_name())
    c.set_name("renamed")
    print(c.get_name())
    await asyncio.gather(a, b, c)
    d = asyncio.ensure_future(noop())
    print(d.get_name())
    await d


if __name__ == "__main__":
    asyncio.run(main())
