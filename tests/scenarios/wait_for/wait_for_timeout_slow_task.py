# wait_for times out on a task that ignores the cancel: it waits for the task to end and
# then raises TimeoutError. After test_asyncio_wait_for_timeout (test_waitfor.py).
# differs: 3.11 vs 3.12/3.13/3.14
import asyncio


async def stubborn():
    loop = asyncio.get_running_loop()
    exitat = loop.time() + 0.2
    while loop.time() < exitat:
        try:
            await asyncio.sleep(exitat - loop.time())
        except asyncio.CancelledError:
            print("ignored a cancel at", loop.time())
    return "stubborn result"


async def main():
    loop = asyncio.get_running_loop()
    try:
        r = await asyncio.wait_for(stubborn(), 0.1)
        print("returned", r)
    except TimeoutError:
        print("TimeoutError at", loop.time())


if __name__ == "__main__":
    asyncio.run(main())
