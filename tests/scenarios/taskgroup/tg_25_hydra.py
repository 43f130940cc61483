# Children keep spawning children until another child fails and aborts them all.
# Port of test_taskgroup_25 (test_taskgroups.py). differs: 3.11/3.12 vs 3.13/3.14
import asyncio

nhydras = 0


async def hydra(g):
    global nhydras
    nhydras += 1
    await asyncio.sleep(0.01)
    g.create_task(hydra(g))
    g.create_task(hydra(g))


async def hercules():
    while nhydras < 10:
        await asyncio.sleep(0.015)
    1 / 0


async def main():
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(hydra(g))
            g.create_task(hercules())
    except ExceptionGroup as eg:
        print([type(e).__name__ for e in eg.exceptions], "nhydras =", nhydras)


if __name__ == "__main__":
    asyncio.run(main())
