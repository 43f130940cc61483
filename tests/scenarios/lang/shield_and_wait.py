# asyncio.shield keeps the inner task running; asyncio.wait with FIRST_COMPLETED.
import asyncio

async def inner():
    await asyncio.sleep(0.3)
    print("inner finished anyway")
    return "inner"

async def main():
    t = asyncio.create_task(inner())
    try:
        await asyncio.wait_for(asyncio.shield(t), timeout=0.1)
    except TimeoutError:
        print("outer timed out")
    print(await t)
    a = asyncio.create_task(asyncio.sleep(0.1, "a"))
    b = asyncio.create_task(asyncio.sleep(0.5, "b"))
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending), a in done)
    await b


if __name__ == "__main__":
    asyncio.run(main())
