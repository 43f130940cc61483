# A bounded queue: the producer blocks when full; the consumer is cancelled at the end.
import asyncio


async def producer(q):
    for i in range(5):
        await q.put(i)
        print("put", i, "size", q.qsize())


async def consumer(q):
    while True:
        item = await q.get()
        await asyncio.sleep(0.5)
        print("got", item)
        q.task_done()


async def main():
    q = asyncio.Queue(maxsize=2)
    c = asyncio.create_task(consumer(q))
    await producer(q)
    await q.join()
    c.cancel()
    try:
        await c
    except asyncio.CancelledError:
        print("consumer cancelled")


if __name__ == "__main__":
    asyncio.run(main())
