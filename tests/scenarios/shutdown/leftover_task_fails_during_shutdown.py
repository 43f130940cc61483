# A leftover task that raises while being cancelled: reported by the exception handler
# (stderr), the run still ends with main's status.
import asyncio


async def bad():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        raise ValueError("during shutdown")


async def main():
    asyncio.create_task(bad())
    await asyncio.sleep(0)
    print("main done")


if __name__ == "__main__":
    asyncio.run(main())
