# An exception escaping a task is re-raised by await; the task ends in state exception.
import asyncio


class Boom(Exception):
    pass


async def child():
    await asyncio.sleep(0.5)
    raise Boom("x")


async def main():
    t = asyncio.create_task(child())
    try:
        await t
    except Boom as e:
        print("caught", repr(e), "done:", t.done(), "cancelled:", t.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
