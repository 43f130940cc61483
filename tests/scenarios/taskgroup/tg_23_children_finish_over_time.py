# Children that finish leave the group one by one while new ones are added.
# Port of test_taskgroup_23 (test_taskgroups.py).
import asyncio


async def do_job(delay):
    await asyncio.sleep(delay)


async def main():
    async with asyncio.TaskGroup() as g:
        for count in range(10):
            await asyncio.sleep(0.1)
            g.create_task(do_job(0.3))
        await asyncio.sleep(1.35)
    print("all done")


if __name__ == "__main__":
    asyncio.run(main())
