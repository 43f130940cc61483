# Lesson: Queue.join() waits for task_done() calls, and a cancelled worker owes one.
#
# Two workers take items and call task_done() only after processing. One worker is
# cancelled in the middle of an item; because its task_done() is not in a `finally`, the
# item is never marked done and join() would wait forever. A timeout around join()
# makes that visible: it raises TimeoutError with one unfinished item left.
import asyncio


async def worker(q, name):
    while True:
        item = await q.get()
        await asyncio.sleep(0.2)
        print(name, "processed", item)
        q.task_done()


async def main():
    q = asyncio.Queue()
    for i in range(4):
        q.put_nowait(i)
    w1 = asyncio.create_task(worker(q, "w1"))
    w2 = asyncio.create_task(worker(q, "w2"))
    await asyncio.sleep(0.3)
    w1.cancel()  # w1 is in the middle of its second item
    try:
        async with asyncio.timeout(2):
            await q.join()
    except TimeoutError:
        print("join timed out: an item was never marked done")
    w2.cancel()
    await asyncio.gather(w1, w2, return_exceptions=True)
