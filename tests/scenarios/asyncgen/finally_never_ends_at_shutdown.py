# An abandoned async generator whose finally never ends: asyncio.run's shutdown_asyncgens
# would wait for ever (CPython hangs); after `exit` the run gives up, as the tracer does,
# and the trace ends normally.
import asyncio

kept = []


async def stubborn():
    try:
        yield 1
    finally:
        while True:
            await asyncio.sleep(1)


async def main():
    g = stubborn()
    kept.append(g)
    print(await anext(g))
