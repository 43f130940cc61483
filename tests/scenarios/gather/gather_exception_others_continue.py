# Without return_exceptions the first error is raised at once; the other children go on
# and finish later.
import asyncio


async def fail():
    await asyncio.sleep(1)
    raise ValueError("first")


async def slow():
    await asyncio.sleep(3)
    print("slow finished anyway")
    return "slow"


async def main():
    s = asyncio.create_task(slow())
    try:
        await asyncio.gather(fail(), s)
    except ValueError as e:
        print("gather raised", repr(e), "at", asyncio.get_running_loop().time())
    print(await s)


if __name__ == "__main__":
    asyncio.run(main())
