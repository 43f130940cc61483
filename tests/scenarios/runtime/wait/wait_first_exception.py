# test_wait_first_exception (test_tasks.py): FIRST_EXCEPTION returns on the first failed
# future; a cancelled future does not count as an exception; without a failure it waits
# for all.
import asyncio


async def sleeper(n, d):
    await asyncio.sleep(d)
    return n


async def fail(d):
    await asyncio.sleep(d)
    raise ZeroDivisionError


async def main():
    a = asyncio.create_task(sleeper(1, 10))
    b = asyncio.create_task(fail(1))
    c = asyncio.create_task(sleeper(3, 2))
    await asyncio.sleep(0)
    c.cancel()
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_EXCEPTION)
    print("done:", sorted(t.get_name() for t in done), "pending:", [t.get_name() for t in pending])
    a.cancel()

    d = asyncio.create_task(sleeper(4, 1))
    e = asyncio.create_task(sleeper(5, 2))
    done, pending = await asyncio.wait([d, e], return_when=asyncio.FIRST_EXCEPTION)
    print("no failure: done", len(done), "pending", len(pending))
