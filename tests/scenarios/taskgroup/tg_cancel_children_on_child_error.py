# Three failing children and a sleeping one: the body and the sibling are cancelled, the
# errors gathered. Port of test_cancel_children_on_child_error (test_taskgroups.py).
import asyncio


async def foo1():
    await asyncio.sleep(0.1)
    1 / 0


async def foo2():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("foo2 cancelled")
        raise


async def runner():
    async with asyncio.TaskGroup() as g:
        g.create_task(foo1())
        g.create_task(foo1())
        g.create_task(foo1())
        g.create_task(foo2())
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("runner body cancelled")
            raise


async def main():
    try:
        await asyncio.create_task(runner())
    except ExceptionGroup as eg:
        print("errors:", [type(e).__name__ for e in eg.exceptions])


if __name__ == "__main__":
    asyncio.run(main())
