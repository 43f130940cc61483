# test_queues test_put_cancelled_race, test_put_cancel_drop and
# test_cancelled_put_silence_value_error_exception: a putter woken by get_nowait() and then
# cancelled hands the free slot to the next putter; its own future, already popped by
# get_nowait(), is not removed twice.
import asyncio


async def putter(q, item):
    try:
        await q.put(item)
    except asyncio.CancelledError:
        print("put", item, "cancelled, full:", q.full())
        raise
    print("put", item, "done")


async def main():
    q = asyncio.Queue(maxsize=1)
    put_a = asyncio.create_task(putter(q, "a"))
    put_b = asyncio.create_task(putter(q, "b"))
    put_c = asyncio.create_task(putter(q, "X"))
    await asyncio.sleep(0)
    print("a done:", put_a.done(), "b done:", put_b.done())
    put_c.cancel()
    await asyncio.sleep(0)
    print("c done:", put_c.done())
    print("got", q.get_nowait())
    await asyncio.sleep(0)
    print("got", q.get_nowait())
    await put_b
    q.put_nowait(1)
    w1 = asyncio.create_task(putter(q, 2))
    w2 = asyncio.create_task(putter(q, 3))
    await asyncio.sleep(0)
    print("got", q.get_nowait())
    w1.cancel()
    try:
        await w1
    except asyncio.CancelledError:
        print("w1 cancelled:", w1.cancelled())
    await w2
    print("got", q.get_nowait(), "qsize:", q.qsize())
    try:
        q.put_nowait(4)
        q.put_nowait(5)
    except asyncio.QueueFull as e:
        print("put_nowait:", type(e).__name__)


if __name__ == "__main__":
    asyncio.run(main())
