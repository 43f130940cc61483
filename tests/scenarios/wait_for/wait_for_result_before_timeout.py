# The awaited future resolves before the deadline: its result, no cancel anywhere.
# differs: 3.11 vs 3.12/3.13/3.14
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(1, fut.set_result, "on time")
    print(await asyncio.wait_for(fut, 2), "at", loop.time())


if __name__ == "__main__":
    asyncio.run(main())
