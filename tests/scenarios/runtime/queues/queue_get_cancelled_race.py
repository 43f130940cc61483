# test_queues test_get_cancelled_race and test_cancelled_getters_not_being_held_in_self_getters:
# a getter cancelled before any put leaves no future behind; the next put goes to t2.
import asyncio


async def main():
    q = asyncio.Queue()
    t1 = asyncio.create_task(q.get())
    t2 = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    t1.cancel()
    await asyncio.sleep(0)
    print("t1 done:", t1.done(), "cancelled:", t1.cancelled())
    await q.put("a")
    await asyncio.sleep(0)
    print("t2 got:", await t2)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        print("get_nowait:", type(e).__name__)
    print("qsize:", q.qsize(), "empty:", q.empty(), "full:", q.full())


if __name__ == "__main__":
    asyncio.run(main())
