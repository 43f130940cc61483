# The waiting task is cancelled while wait() sleeps with a timeout: CancelledError, the
# awaited tasks untouched.
import asyncio


async def waiter(ts):
    await asyncio.wait(ts, timeout=10)


async def main():
    ts = [asyncio.create_task(asyncio.sleep(5))]
    w = asyncio.create_task(waiter(ts))
    await asyncio.sleep(1)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print("waiter cancelled; child cancelled:", ts[0].cancelled())
    await ts[0]
    print("child finished at", asyncio.get_running_loop().time())


if __name__ == "__main__":
    asyncio.run(main())
