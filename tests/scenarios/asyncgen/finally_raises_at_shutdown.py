# shutdown_asyncgens gathers aclose() with return_exceptions=True and reports an exception
# raised by a generator's finally through the loop's exception handler, after main ended.
import asyncio

kept = []


async def bad():
    try:
        yield 1
    finally:
        print("bad: finally")
        raise ValueError("boom in finally")


async def main():
    g = bad()
    kept.append(g)
    print(await anext(g))
    print("main done")
