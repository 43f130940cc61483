# shield() of a done future returns it unchanged: awaiting gives the result at once.
import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    fut.set_result("ready")
    s = asyncio.shield(fut)
    print("same object:", s is fut)
    print(await s)


if __name__ == "__main__":
    asyncio.run(main())
