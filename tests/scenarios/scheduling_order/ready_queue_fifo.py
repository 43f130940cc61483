# Tasks start in creation order; each sleep(0) puts a task at the back of the ready queue.
import asyncio


async def spin(n):
    for i in range(3):
        print("task", n, "step", i)
        await asyncio.sleep(0)


async def main():
    ts = [asyncio.create_task(spin(n)) for n in range(3)]
    await asyncio.gather(*ts)


if __name__ == "__main__":
    asyncio.run(main())
