# wait(timeout=0) returns at once with nothing done; nothing is cancelled.
import asyncio


async def main():
    t = asyncio.create_task(asyncio.sleep(1))
    done, pending = await asyncio.wait([t], timeout=0)
    print(len(done), len(pending), t.cancelled())
    await t
    print("t done", t.done())


if __name__ == "__main__":
    asyncio.run(main())
