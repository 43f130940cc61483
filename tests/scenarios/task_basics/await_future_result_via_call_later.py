# A future resolved by a call_later callback wakes the awaiting task at that time;
# call_at and call_soon with arguments.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(2.5, fut.set_result, "late")
    loop.call_at(1.0, print, "call_at 1.0", loop.time())
    loop.call_soon(print, "call_soon")
    print("awaiting")
    print(await fut, loop.time())


if __name__ == "__main__":
    asyncio.run(main())
