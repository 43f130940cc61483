# Queue.shutdown (3.13, test_queues test_shutdown_*): blocked getters and putters wake with
# QueueShutDown, gets drain what is left unless immediate. 3.11/3.12 have no shutdown().
import asyncio


async def getter(q, name):
    try:
        item = await q.get()
        print(name, "got", item)
    except Exception as e:
        print(name, "raised", type(e).__name__)


async def putter(q, item):
    try:
        await q.put(item)
        print("put", item)
    except Exception as e:
        print("put", item, "raised", type(e).__name__)


async def main():
    q = asyncio.Queue()
    g = asyncio.create_task(getter(q, "g"))
    await asyncio.sleep(0)
    try:
        q.shutdown()
    except AttributeError as e:
        print("shutdown:", e)
        g.cancel()
        return
    await g
    try:
        q.put_nowait(1)
    except Exception as e:
        print("put_nowait:", type(e).__name__)

    q2 = asyncio.Queue(maxsize=1)
    q2.put_nowait("x")
    p = asyncio.create_task(putter(q2, "y"))
    await asyncio.sleep(0)
    q2.shutdown()
    await p
    print("get after shutdown:", q2.get_nowait())
    try:
        await q2.get()
    except Exception as e:
        print("get:", type(e).__name__)

    q3 = asyncio.Queue()
    for i in range(3):
        q3.put_nowait(i)
    j = asyncio.create_task(q3.join())
    await asyncio.sleep(0)
    q3.shutdown(immediate=True)
    await j
    print("join done after immediate shutdown, qsize:", q3.qsize())


if __name__ == "__main__":
    asyncio.run(main())
