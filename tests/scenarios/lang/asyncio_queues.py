# asyncio queues from a scenario: FIFO/LIFO/priority order, maxsize, put/get waiting,
# join/task_done, QueueEmpty/QueueFull, task_done too often.
import asyncio


async def main():
    for cls in (asyncio.Queue, asyncio.LifoQueue, asyncio.PriorityQueue):
        q = cls()
        for x in (3, 1, 2):
            q.put_nowait(x)
        print(cls.__name__, q.qsize(), [q.get_nowait() for _ in range(3)], q.empty())
    q = asyncio.Queue(maxsize=1)
    print("maxsize", q.maxsize, q.full())
    await q.put("a")
    print("full", q.full())
    try:
        q.put_nowait("b")
    except asyncio.QueueFull:
        print("QueueFull")

    async def producer():
        for i in range(3):
            await q.put(i)
            print("put", i)
    p = asyncio.create_task(producer())
    got = []
    for _ in range(4):
        got.append(await q.get())
        q.task_done()
    await p
    print("got", got)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")

    work = asyncio.Queue()
    done = []
    async def consumer():
        while True:
            item = await work.get()
            await asyncio.sleep(0.1)
            done.append(item)
            work.task_done()
    c = asyncio.create_task(consumer())
    for i in range(3):
        work.put_nowait(i)
    await work.join()
    print("joined", done)
    c.cancel()
    try:
        work.task_done()
    except ValueError as e:
        print("task_done:", e)
    pq = asyncio.PriorityQueue()
    pq.put_nowait((2, "b"))
    pq.put_nowait((1, "a"))
    print(await pq.get())


if __name__ == "__main__":
    asyncio.run(main())
