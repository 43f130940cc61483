# Condition.notify_all wakes every waiter; they re-acquire the lock one at a time.
import asyncio


async def waiter(cond, n):
    async with cond:
        await cond.wait()
        print("waiter", n, "woke")


async def main():
    cond = asyncio.Condition()
    ts = [asyncio.create_task(waiter(cond, n)) for n in range(3)]
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
        print("notified all")
    await asyncio.gather(*ts)


if __name__ == "__main__":
    asyncio.run(main())
