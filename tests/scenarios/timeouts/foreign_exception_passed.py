# An exception other than CancelledError leaves an unexpired timeout unchanged.
# Port of test_foreign_exception_passed (test_timeouts.py).
import asyncio


async def main():
    try:
        async with asyncio.timeout(0.01) as cm:
            raise KeyError("k")
    except KeyError as e:
        print("KeyError", repr(e))
    print("expired:", cm.expired())


if __name__ == "__main__":
    asyncio.run(main())
