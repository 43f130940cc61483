# An outer cancel arrives in the same pass as the timeout expiring: the extra cancel
# request keeps the CancelledError from becoming TimeoutError.
import asyncio


async def body():
    try:
        async with asyncio.timeout(1):
            await asyncio.sleep(5)
    except TimeoutError:
        print("TimeoutError")
        return "timed out"
    return "finished"


async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(body())
    loop.call_later(1, t.cancel)
    try:
        print(await t)
    except asyncio.CancelledError:
        print("task cancelled, cancelling =", t.cancelling())


if __name__ == "__main__":
    asyncio.run(main())
