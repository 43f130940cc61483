# asyncio's synchronization primitives from a scenario: async with Lock/Semaphore,
# Event, Condition.wait_for/notify_all, BoundedSemaphore over-release, Barrier.
import asyncio


async def worker(name, lock, log):
    async with lock:
        log.append(name + " in")
        await asyncio.sleep(0.01)
        log.append(name + " out")


async def main():
    lock = asyncio.Lock()
    log = []
    await asyncio.gather(worker("a", lock, log), worker("b", lock, log))
    print(log, lock.locked())

    sem = asyncio.Semaphore(2)
    async with sem:
        print("sem locked?", sem.locked())
        async with sem:
            print("sem locked?", sem.locked())
    print("sem locked?", sem.locked())

    ev = asyncio.Event()
    async def setter():
        await asyncio.sleep(0.5)
        ev.set()
    t = asyncio.create_task(setter())
    print("event", ev.is_set(), await ev.wait(), ev.is_set())
    ev.clear()
    print("cleared", ev.is_set())
    await t

    cond = asyncio.Condition()
    box = []
    async def consumer():
        async with cond:
            await cond.wait_for(lambda: len(box) >= 2)
            return list(box)
    c = asyncio.create_task(consumer())
    for i in range(3):
        await asyncio.sleep(0.1)
        async with cond:
            box.append(i)
            cond.notify_all()
    print("condition", await c)

    bs = asyncio.BoundedSemaphore(1)
    await bs.acquire()
    bs.release()
    try:
        bs.release()
    except ValueError as e:
        print("bounded:", e)
    try:
        asyncio.Lock().release()
    except RuntimeError as e:
        print("lock:", e)

    barrier = asyncio.Barrier(3)
    print("parties", barrier.parties, barrier.n_waiting, barrier.broken)
    async def meet(i):
        await asyncio.sleep(i / 10)
        return await barrier.wait()
    print("barrier", sorted(await asyncio.gather(*(meet(i) for i in range(3)))))
    await barrier.abort()
    try:
        await barrier.wait()
    except asyncio.BrokenBarrierError:
        print("broken", barrier.broken)
    print(isinstance(asyncio.BrokenBarrierError(), RuntimeError))


if __name__ == "__main__":
    asyncio.run(main())
