# test_queues test_get_cancel_drop_one_pending_reader / _many_pending_readers: put_nowait
# wakes reader1, which is cancelled before it ran. No item is lost: reader1's except clause
# wakes reader2, and a fresh reader gets the next item.
import asyncio


async def reader(q, name):
    try:
        item = await q.get()
    except asyncio.CancelledError:
        print(name, "cancelled, qsize:", q.qsize())
        raise
    print(name, "got", item)
    return item


async def main():
    q = asyncio.Queue()
    r1 = asyncio.create_task(reader(q, "r1"))
    r2 = asyncio.create_task(reader(q, "r2"))
    r3 = asyncio.create_task(reader(q, "r3"))
    await asyncio.sleep(0)
    q.put_nowait(1)
    q.put_nowait(2)
    r1.cancel()
    try:
        await r1
    except asyncio.CancelledError:
        print("r1 cancelled:", r1.cancelled())
    print("r2:", await r2, "r3:", await r3, "qsize:", q.qsize())
    q.put_nowait(3)
    again = asyncio.create_task(reader(q, "again"))
    print("again:", await again)


if __name__ == "__main__":
    asyncio.run(main())
