# `del agen` on a started async generator (the last reference) runs the finalizer hook at
# once: the aclose() task is created from inside main's step, so main is its parent.
import asyncio


async def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen: finally")
        await asyncio.sleep(0)
        print("gen: after sleep")


async def main():
    g = gen()
    print(await anext(g))
    del g
    print("deleted")
    await asyncio.sleep(0)
    print("slept once")
    await asyncio.sleep(0.1)
    print("main done")
