# test_locks BarrierTests.test_filling_tasks_cancel_one and test_abort_barrier: a party
# cancelled while filling leaves its place free; abort() breaks the barrier for waiters
# and newcomers; Barrier(0) is a ValueError whose message changed in 3.14.
import asyncio

results = []


async def coro(barrier, name):
    try:
        index = await barrier.wait()
    except asyncio.BrokenBarrierError as e:
        print(name, "broken:", e)
        return
    results.append(index)
    print(name, "passed with index", index)


async def main():
    barrier = asyncio.Barrier(3)
    t1 = asyncio.create_task(coro(barrier, "t1"))
    await asyncio.sleep(0)
    t2 = asyncio.create_task(coro(barrier, "t2"))
    await asyncio.sleep(0)
    print("n_waiting:", barrier.n_waiting)
    t1.cancel()
    await asyncio.sleep(0)
    print("n_waiting after cancel:", barrier.n_waiting)
    try:
        await t1
    except asyncio.CancelledError:
        print("t1 cancelled:", t1.cancelled())
    t3 = asyncio.create_task(coro(barrier, "t3"))
    await asyncio.sleep(0)
    print("n_waiting:", barrier.n_waiting)
    t4 = asyncio.create_task(coro(barrier, "t4"))
    await t2
    await t3
    await t4
    print("results:", sorted(results), "n_waiting:", barrier.n_waiting, "broken:", barrier.broken)

    b2 = asyncio.Barrier(2)
    w = asyncio.create_task(coro(b2, "w"))
    await asyncio.sleep(0)
    await b2.abort()
    await w
    await coro(b2, "late")
    print("broken:", b2.broken, "n_waiting:", b2.n_waiting)
    try:
        asyncio.Barrier(0)
    except ValueError as e:
        print("Barrier(0):", e)


if __name__ == "__main__":
    asyncio.run(main())
