# TaskGroup and BaseExceptions: a child's non-Exception BaseException makes a
# BaseExceptionGroup; SystemExit in the body is a "base error", re-raised as itself, and
# ends the run (exit status exception, SystemExit).
import asyncio


class Fatal(BaseException):
    pass


async def child(n, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"child {n} cancelled")
        raise
    raise Fatal(f"child {n} fatal")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(1, 1))
            tg.create_task(child(2, 5))
    except BaseExceptionGroup as eg:
        print("caught", type(eg).__name__, [str(e) for e in eg.exceptions])
    print("cancelling after group:", asyncio.current_task().cancelling())
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child(3, 5))
        await asyncio.sleep(0)
        raise SystemExit("stop")


if __name__ == "__main__":
    asyncio.run(main())
