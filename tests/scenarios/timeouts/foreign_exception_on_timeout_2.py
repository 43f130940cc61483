# Nested finally blocks raising while a timeout expires: the chain of contexts.
# Port of test_foreign_exception_on_timeout_2 (test_timeouts.py).
# differs: 3.11/3.12 vs 3.13/3.14
import asyncio


def chain(e):
    names = []
    while e is not None:
        names.append(type(e).__name__)
        e = e.__context__
    return " <- ".join(names)


async def main():
    try:
        async with asyncio.timeout(0.01):
            try:
                try:
                    raise ValueError
                finally:
                    await asyncio.sleep(1)
            finally:
                try:
                    raise KeyError
                finally:
                    1 / 0
    except ZeroDivisionError as e:
        print("chain:", chain(e))


if __name__ == "__main__":
    asyncio.run(main())
