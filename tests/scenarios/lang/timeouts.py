# asyncio.timeout and wait_for turning slow awaits into TimeoutError.
import asyncio

async def slow():
    await asyncio.sleep(10)
    return "never"

async def main():
    try:
        async with asyncio.timeout(0.5):
            await slow()
    except TimeoutError:
        print("timeout block expired")
    try:
        await asyncio.wait_for(slow(), timeout=0.25)
    except TimeoutError:
        print("wait_for timed out")
    print(await asyncio.wait_for(asyncio.sleep(0.1, "quick"), timeout=1))


if __name__ == "__main__":
    asyncio.run(main())
