# test_wait_with_timeout (test_tasks.py): on timeout wait returns (done, pending) without
# raising and without cancelling; ALL_COMPLETED otherwise waits for everything.
import asyncio


async def sleeper(n, d):
    await asyncio.sleep(d)
    return n


async def main():
    a = asyncio.create_task(sleeper(1, 0.1))
    b = asyncio.create_task(sleeper(2, 0.15))
    done, pending = await asyncio.wait([a, b], timeout=0.11)
    print("done:", [t.get_name() for t in done], "pending:", [t.get_name() for t in pending])
    done, pending = await asyncio.wait([a, b])
    print("all:", len(done), len(pending), a.result() + b.result())
