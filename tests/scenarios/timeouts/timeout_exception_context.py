# Expiry while a finally block awaits: TimeoutError from CancelledError whose context is
# the ZeroDivisionError. Port of test_timeout_exception_context (test_timeouts.py).
import asyncio


async def main():
    try:
        async with asyncio.timeout(0.01):
            try:
                1 / 0
            finally:
                await asyncio.sleep(1)
    except TimeoutError as e:
        print("TimeoutError")
        print("cause:", type(e.__cause__).__name__)
        print("context is cause:", e.__context__ is e.__cause__)
        print("cause's context:", type(e.__cause__.__context__).__name__)
    except ZeroDivisionError as e:
        print("ZeroDivisionError, context:", type(e.__context__).__name__)


if __name__ == "__main__":
    asyncio.run(main())
