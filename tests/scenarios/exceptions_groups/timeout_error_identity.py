# asyncio.TimeoutError is the builtin TimeoutError (3.11+).
# differs: 3.11 vs 3.12/3.13/3.14
import asyncio


async def main():
    print(asyncio.TimeoutError is TimeoutError)
    try:
        await asyncio.wait_for(asyncio.sleep(5), 1)
    except TimeoutError as e:
        print("builtin TimeoutError caught:", type(e).__name__)


if __name__ == "__main__":
    asyncio.run(main())
