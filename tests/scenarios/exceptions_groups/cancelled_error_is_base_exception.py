# CancelledError is a BaseException: `except Exception` does not catch it.
import asyncio


async def victim():
    try:
        await asyncio.sleep(10)
    except Exception:
        print("caught as Exception (wrong)")
    finally:
        print("finally runs")


async def main():
    t = asyncio.create_task(victim())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("CancelledError is BaseException:", issubclass(asyncio.CancelledError, BaseException),
              "Exception:", issubclass(asyncio.CancelledError, Exception))


if __name__ == "__main__":
    asyncio.run(main())
