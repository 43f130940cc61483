# An async generator still suspended (and referenced) when main returns: asyncio.run's
# close runs loop.shutdown_asyncgens() after cancelling the leftover tasks, which awaits
# aclose() of every generator the firstiter hook registered.
import asyncio

kept = []


async def numbers():
    try:
        i = 0
        while True:
            yield i
            i += 1
    finally:
        print("numbers: finally")


async def main():
    g = numbers()
    kept.append(g)
    print(await g.__anext__())
    print(await anext(g))
    print("main done")
