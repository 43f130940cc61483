# An exception other than CancelledError leaves an expired timeout: it passes through
# unchanged (raised = ValueError); 3.13 also chains a TimeoutError into its context.
import asyncio


async def main():
    try:
        async with asyncio.timeout(0.5):
            try:
                await asyncio.sleep(1)
            finally:
                raise ValueError("cleanup error")
    except ValueError as exc:
        print("ValueError context:", type(exc.__context__).__name__)


if __name__ == "__main__":
    asyncio.run(main())
