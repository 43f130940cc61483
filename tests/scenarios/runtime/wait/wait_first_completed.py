# test_wait_first_completed (test_tasks.py): wait returns as soon as one future is done;
# nothing is cancelled, the pending task runs on.
import asyncio


async def worker(n, d):
    await asyncio.sleep(d)
    print("worker", n, "done")
    return n


async def main():
    a = asyncio.create_task(worker(1, 10))
    b = asyncio.create_task(worker(2, 0.1))
    done, pending = await asyncio.wait([b, a], return_when=asyncio.FIRST_COMPLETED)
    print("done:", [t.get_name() for t in done], "pending:", [t.get_name() for t in pending])
    print("a cancelling:", a.cancelling(), "a done:", a.done())
    a.cancel()
