# test_timeout_taskgroup: a TaskGroup inside an expiring timeout whose child fails while
# cancelled. The ExceptionGroup passes; 3.13 inserts TimeoutError into the contexts of the
# group and of each member.
import asyncio


async def task():
    try:
        await asyncio.sleep(2)
    finally:
        1 / 0


def chain(e):
    names = []
    c = e.__context__
    while c is not None:
        names.append(type(c).__name__)
        c = c.__context__
    return " <- ".join(names) or "-"


async def main():
    try:
        async with asyncio.timeout(0.01):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(task())
                try:
                    raise ValueError
                finally:
                    await asyncio.sleep(1)
    except ExceptionGroup as eg:
        print("group context:", chain(eg))
        print("members:", [type(e).__name__ for e in eg.exceptions])
        print("member context:", chain(eg.exceptions[0]))
