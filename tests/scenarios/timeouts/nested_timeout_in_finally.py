# A second timeout inside the finally block of an expired one: both raise TimeoutError.
# Port of test_nested_timeout_in_finally (test_timeouts.py).
import asyncio


async def main():
    try:
        async with asyncio.timeout(0.01):
            try:
                await asyncio.sleep(1)
            finally:
                try:
                    async with asyncio.timeout(0.01):
                        await asyncio.sleep(10)
                except TimeoutError as e2:
                    print("inner TimeoutError, cause:", type(e2.__cause__).__name__)
    except TimeoutError as e1:
        print("outer TimeoutError, cause:", type(e1.__cause__).__name__)


if __name__ == "__main__":
    asyncio.run(main())
