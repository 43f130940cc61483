# The task running wait_for is cancelled by a timer at the very deadline of the wait_for:
# the outer cancel keeps the result a CancelledError. differs: 3.11 vs 3.12/3.13/3.14
import asyncio


async def runner():
    try:
        await asyncio.wait_for(asyncio.sleep(10), 1)
    except TimeoutError:
        print("TimeoutError")
        return "timed out"


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(runner())
    loop.call_later(1, t.cancel)
    try:
        print(await t)
    except asyncio.CancelledError:
        print("runner cancelled, cancelling =", t.cancelling())


if __name__ == "__main__":
    asyncio.run(main())
