# wait_for: a coroutine that gives in to the timeout (3.11: its own task, cancelled by the
# caller; 3.12+: run inline under a Timeout), a task that finishes in time, timeout=0.
import asyncio


async def slow():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("slow cancelled")
        raise


async def main():
    try:
        await asyncio.wait_for(slow(), timeout=1)
    except TimeoutError:
        print("wait_for timed out")
    t = asyncio.create_task(asyncio.sleep(0.5, result="ok"))
    print("in time:", await asyncio.wait_for(t, timeout=1))
    try:
        await asyncio.wait_for(slow(), timeout=0)
    except TimeoutError:
        print("zero timeout")


if __name__ == "__main__":
    asyncio.run(main())
