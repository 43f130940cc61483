# asyncio.create_task(coro, name=...) in 3.11/3.12 creates the task as Task-N (the
# number is used up, task_created shows Task-N) and renames it afterwards; 3.13+ names
# it at creation. loop.create_task(coro, name=...) never uses a number.
# differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def child(n):
    await asyncio.sleep(n)
    return n


async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(child(0.1), name="alpha")
    b = asyncio.create_task(child(0.2))
    c = loop.create_task(child(0.3), name="gamma")
    d = asyncio.create_task(child(0.4))
    print(a.get_name(), b.get_name(), c.get_name(), d.get_name())
    a.cancel()
    await asyncio.sleep(0)
    await asyncio.gather(b, c, d)


if __name__ == "__main__":
    asyncio.run(main())
