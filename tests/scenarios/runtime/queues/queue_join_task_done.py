# test_queues test_task_done, test_join_empty_queue, test_task_done_underflow: join() waits
# until every item got its task_done(); a cancelled join() leaves the count alone.
import asyncio


async def worker(q, name):
    while True:
        item = await q.get()
        await asyncio.sleep(0.5)
        print(name, "did", item)
        q.task_done()


async def main():
    q = asyncio.Queue()
    await q.join()
    print("join on empty returned")
    try:
        q.task_done()
    except ValueError as e:
        print("task_done:", e)
    for i in range(3):
        q.put_nowait(i)
    j = asyncio.create_task(q.join())
    await asyncio.sleep(0)
    j.cancel()
    await asyncio.sleep(0)
    print("join cancelled:", j.cancelled())
    workers = [asyncio.create_task(worker(q, f"w{i}")) for i in range(2)]
    await q.join()
    print("joined at", asyncio.get_running_loop().time())
    for w in workers:
        w.cancel()
    await asyncio.sleep(0)
    print("workers cancelled:", [w.cancelled() for w in workers])


if __name__ == "__main__":
    asyncio.run(main())
