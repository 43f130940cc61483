# test_queues PriorityQueueTests/LifoQueueTests test_order: heapq order (ties and tuples
# included) and last-in-first-out; a blocked get() on each is woken by a put.
import asyncio


async def main():
    pq = asyncio.PriorityQueue()
    for item in [5, 3, 9, 1, 3, 7, 2, 8, 1]:
        pq.put_nowait(item)
    print("priority:", [pq.get_nowait() for _ in range(pq.qsize())])
    for item in [(2, "b"), (1, "z"), (2, "a"), (1, "y"), (0.5, "h")]:
        pq.put_nowait(item)
    print("tuples:", [pq.get_nowait() for _ in range(pq.qsize())])
    try:
        pq.put_nowait(1)
        pq.put_nowait("one")
    except TypeError as e:
        print("mixed:", e, "qsize:", pq.qsize())
    lq = asyncio.LifoQueue(maxsize=3)
    for item in [1, 2, 3]:
        lq.put_nowait(item)
    print("lifo full:", lq.full())
    print("lifo:", [lq.get_nowait() for _ in range(3)])
    t = asyncio.create_task(lq.get())
    await asyncio.sleep(0)
    await lq.put(42)
    print("waiting get:", await t)


if __name__ == "__main__":
    asyncio.run(main())
