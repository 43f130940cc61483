# create_task, await results, task names, done/result/cancelled.
import asyncio

async def work(n, delay):
    await asyncio.sleep(delay)
    return n * 10

async def main():
    t1 = asyncio.create_task(work(1, 0.2))
    t2 = asyncio.create_task(work(2, 0.1), name="second")
    print(t1.get_name(), t2.get_name(), t1.done())
    print(await t1, await t2, t1.done(), t1.result(), t2.cancelled())
    t2.set_name("renamed")
    print(t2.get_name(), asyncio.current_task().get_name())


if __name__ == "__main__":
    asyncio.run(main())
