# A child that finished before the body ends; then a child that fails at once, before the
# body's first await. differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def quick():
    return "quick"


async def fail_now():
    raise ValueError("now")


async def main():
    async with asyncio.TaskGroup() as tg:
        t = tg.create_task(quick())
        await asyncio.sleep(0)
        print("child done:", t.done(), t.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail_now())
            print("body still running")
    except ExceptionGroup as eg:
        print("caught", [repr(e) for e in eg.exceptions])


if __name__ == "__main__":
    asyncio.run(main())
