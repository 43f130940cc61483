# test_taskgroup_11 / _13 / _14: nested groups; an outer cancel while inner children fail in
# cleanup, and a failure in the outer or the inner group.
import asyncio


async def foo():
    try:
        await asyncio.sleep(10)
    finally:
        1 / 0


async def crash_after(t):
    await asyncio.sleep(t)
    raise ValueError(t)


async def cancelled_runner():
    async with asyncio.TaskGroup():
        async with asyncio.TaskGroup() as g2:
            for _ in range(2):
                g2.create_task(foo())
            await asyncio.sleep(10)


async def outer_fails():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_after(0.1))
        async with asyncio.TaskGroup() as g2:
            g2.create_task(crash_after(10))


async def inner_fails():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_after(10))
        async with asyncio.TaskGroup() as g2:
            g2.create_task(crash_after(0.1))


def shape(eg):
    return [shape(e) if isinstance(e, BaseExceptionGroup) else type(e).__name__
            for e in eg.exceptions]


async def main():
    r = asyncio.create_task(cancelled_runner())
    await asyncio.sleep(0.1)
    r.cancel()
    try:
        await r
    except ExceptionGroup as eg:
        print("cancelled runner:", shape(eg))
    for fn in (outer_fails, inner_fails):
        try:
            await asyncio.create_task(fn())
        except ExceptionGroup as eg:
            print(fn.__name__, shape(eg))
