# Queue.get under wait_for times out; the queue keeps no stale getter and a later put is
# received by the next get. differs: 3.11 vs 3.12/3.13/3.14
import asyncio


async def main():
    q = asyncio.Queue()
    try:
        await asyncio.wait_for(q.get(), 1)
    except TimeoutError:
        print("get timed out")
    q.put_nowait("x")
    print("got", await q.get(), "empty:", q.empty())


if __name__ == "__main__":
    asyncio.run(main())
