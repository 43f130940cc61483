# stopOnException never stops on a CancelledError: a child cancelled by main, one whose
# timeout expires (it catches the TimeoutError: that one would stop where it leaves a
# task), and a task still pending at the end that asyncio.run cancels.
import asyncio


async def sleeper(n):
    await asyncio.sleep(n)


async def timed():
    try:
        async with asyncio.timeout(1):
            await asyncio.sleep(5)
    except TimeoutError:
        print("b timed out")


async def main():
    a = asyncio.create_task(sleeper(10))
    b = asyncio.create_task(timed())
    asyncio.create_task(sleeper(100))
    await asyncio.sleep(0.5)
    a.cancel()
    try:
        await a
    except asyncio.CancelledError:
        print("a cancelled")
    await b


if __name__ == "__main__":
    asyncio.run(main())
