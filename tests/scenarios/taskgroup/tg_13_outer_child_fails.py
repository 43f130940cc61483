# A child of the outer group fails while the inner group waits: the inner group is
# cancelled and only the outer error is reported. Port of test_taskgroup_13.
import asyncio


async def crash_after(t):
    await asyncio.sleep(t)
    raise ValueError(t)


async def runner():
    async with asyncio.TaskGroup() as g1:
        g1.create_task(crash_after(0.1))
        async with asyncio.TaskGroup() as g2:
            g2.create_task(crash_after(10))


async def main():
    try:
        await asyncio.create_task(runner())
    except ExceptionGroup as eg:
        print([repr(e) for e in eg.exceptions])


if __name__ == "__main__":
    asyncio.run(main())
