# A generator local to a coroutine that returns is collected when that frame ends; a
# generator never started (no firstiter) is not registered and gets no aclose task.
import asyncio


async def gen(tag):
    try:
        yield tag
        yield tag
    finally:
        print("finally", tag)


async def use_one():
    g = gen("started")
    print(await anext(g))
    g2 = gen("never started")
    return "used"


async def main():
    print(await use_one())
    print(await asyncio.create_task(use_one()))
    await asyncio.sleep(0)
    print("main done")
