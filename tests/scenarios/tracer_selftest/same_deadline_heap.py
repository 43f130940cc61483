# Eight timers with one deadline fire in heapq's order, not FIFO; repeated 0.1 s sleeps show
# the clock's exact double sums.
import asyncio


async def sleeper(n):
    await asyncio.sleep(1)
    print("woke", n)


async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(sleeper(n)) for n in range(8)]
    for t in tasks:
        await t
    for _ in range(3):
        await asyncio.sleep(0.1)
        print("now", loop.time())


if __name__ == "__main__":
    asyncio.run(main())
