# test_taskgroup_19 / _20 / _20a / _21a: KeyboardInterrupt from the body is re-raised
# bare; other BaseExceptions join the group, which becomes a BaseExceptionGroup.
import asyncio


class MyExc(Exception):
    pass


class MyBaseExc(BaseException):
    pass


async def crash_soon(exc):
    await asyncio.sleep(0.1)
    raise exc


async def nested(exc):
    try:
        await asyncio.sleep(10)
    finally:
        raise exc


async def runner(child_exc, body_exc):
    async with asyncio.TaskGroup() as g:
        g.create_task(crash_soon(child_exc))
        await nested(body_exc)


async def main():
    cases = ((ZeroDivisionError, MyExc), (ZeroDivisionError, KeyboardInterrupt),
             (ZeroDivisionError, MyBaseExc), (MyBaseExc, TypeError))
    for child_exc, body_exc in cases:
        try:
            await runner(child_exc, body_exc)
        except BaseException as e:
            members = sorted(type(m).__name__ for m in getattr(e, "exceptions", ()))
            print(child_exc.__name__, body_exc.__name__, "->", type(e).__name__, members,
                  "cancelling", asyncio.current_task().cancelling())
