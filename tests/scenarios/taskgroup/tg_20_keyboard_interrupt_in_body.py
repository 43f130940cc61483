# A KeyboardInterrupt from the body propagates as itself, not grouped.
# Port of test_taskgroup_20 (test_taskgroups.py). differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def crash_soon():
    await asyncio.sleep(0.1)
    1 / 0


async def nested():
    try:
        await asyncio.sleep(10)
    finally:
        raise KeyboardInterrupt


async def runner():
    async with asyncio.TaskGroup() as g:
        g.create_task(crash_soon())
        await nested()


async def main():
    try:
        await runner()
    except KeyboardInterrupt:
        print("KeyboardInterrupt")


if __name__ == "__main__":
    asyncio.run(main())
