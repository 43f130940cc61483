# TaskGroup runs children to completion and reports failures as an ExceptionGroup.
import asyncio

async def child(n):
    await asyncio.sleep(0.1 * n)
    if n == 2:
        raise KeyError(n)
    print("child", n, "done")
    return n

async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(child(1))
        b = tg.create_task(child(3))
    print(a.result(), b.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(1))
            tg.create_task(child(2))
            tg.create_task(child(5))
    except* KeyError as eg:
        print("group failed with", repr(eg.exceptions))


if __name__ == "__main__":
    asyncio.run(main())
