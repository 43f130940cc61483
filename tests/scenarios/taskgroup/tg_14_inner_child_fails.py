# A child of the inner group fails: the outer group reports the inner ExceptionGroup.
# Port of test_taskgroup_14 (test_taskgroups.py). differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def crash_after(t):
    await asyncio.sleep(t)
    raise ValueError(t)


async def runner():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_after(10))
        async with asyncio.TaskGroup() as g2:
            g2.create_task(crash_after(0.1))


async def main():
    try:
        await asyncio.create_task(runner())
    except ExceptionGroup as eg:
        inner = eg.exceptions[0]
        print(type(inner).__name__, [repr(e) for e in inner.exceptions])


if __name__ == "__main__":
    asyncio.run(main())
