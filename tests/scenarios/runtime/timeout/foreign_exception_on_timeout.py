# test_foreign_exception_on_timeout: the body fails while handling the timeout's
# cancellation. The error passes; 3.13 inserts a TimeoutError into its context chain.
import asyncio


async def crash():
    try:
        await asyncio.sleep(1)
    finally:
        1 / 0


async def main():
    try:
        async with asyncio.timeout(0.01):
            await crash()
    except ZeroDivisionError as e:
        chain = []
        c = e.__context__
        while c is not None:
            chain.append(type(c).__name__)
            c = c.__context__
        print("ZeroDivisionError, context chain:", " <- ".join(chain))
        print("cause of first:", type(e.__context__.__cause__).__name__)
