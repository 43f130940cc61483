# Stepping by task step (session/step granularity "task"): each step runs the loop up
# to and including the next Task.__step, so each step below prints exactly one line:
# main's first step, then child's, then main's second; the whole trace is CPython's.
import asyncio


async def child():
    print("child step 1")
    await asyncio.sleep(1)
    print("child step 2")


async def main():
    t = asyncio.create_task(child())
    print("main step 1")
    await asyncio.sleep(0)
    print("main step 2")
    await t


if __name__ == "__main__":
    asyncio.run(main())
