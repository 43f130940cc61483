# test_taskgroup_01 / _02 / _24: children finish normally, one created mid-body and two
# created by a child while __aexit__ already waits; the group waits for all of them.
import asyncio


async def foo(delay, value):
    await asyncio.sleep(delay)
    return value


async def root(g):
    await asyncio.sleep(0.1)
    g.create_task(foo(0.1, 1))
    g.create_task(foo(0.2, 2))


async def main():
    async with asyncio.TaskGroup() as g:
        t1 = g.create_task(foo(0.1, 42))
        await asyncio.sleep(0.15)
        t2 = g.create_task(foo(0.2, 11))
        g.create_task(root(g))
    print("results", t1.result(), t2.result())
