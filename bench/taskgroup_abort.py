# Cancellation workload (issue 8): a TaskGroup of 20,000 sleeping children is aborted by
# one failing child, three rounds; every child sees its CancelledError and the group
# raises one ExceptionGroup. Runs unchanged under CPython.
import asyncio

N = 20000
ROUNDS = 3


async def child(counter):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        counter[0] += 1
        raise


async def failer(r):
    await asyncio.sleep(0.01)
    raise ValueError("round " + str(r))


async def main():
    cancelled = 0
    failures = 0
    for r in range(ROUNDS):
        counter = [0]
        try:
            async with asyncio.TaskGroup() as tg:
                for _ in range(N):
                    tg.create_task(child(counter))
                tg.create_task(failer(r))
        except* ValueError as eg:
            failures += len(eg.exceptions)
        cancelled += counter[0]
    print("taskgroup_abort", cancelled, failures)


if __name__ == "__main__":
    asyncio.run(main())
