# A child adds more children to its own group while the parent waits in __aexit__.
# Port of test_taskgroup_24 (test_taskgroups.py).
import asyncio


async def coro1(delay):
    await asyncio.sleep(delay)
    print("coro1", delay)


async def root(g):
    await asyncio.sleep(0.1)
    g.create_task(coro1(0.1))
    g.create_task(coro1(0.2))


async def main():
    async with asyncio.TaskGroup() as g:
        g.create_task(root(g))
    print("group done")


if __name__ == "__main__":
    asyncio.run(main())
