# A body that raises an ExceptionGroup after expiry: 3.13 inserts a TimeoutError into the
# group's context chain (before the CancelledError). differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def main():
    try:
        async with asyncio.timeout(1):
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                raise ExceptionGroup("eg", [ValueError(1), KeyError(2)])
    except ExceptionGroup as eg:
        print("group context:", type(eg.__context__).__name__)
        for e in eg.exceptions:
            print(type(e).__name__, "context:", type(e.__context__).__name__)


if __name__ == "__main__":
    asyncio.run(main())
