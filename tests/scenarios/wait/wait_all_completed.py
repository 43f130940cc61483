# wait(ALL_COMPLETED) returns when every future is done; done holds them all.
import asyncio


async def after(d):
    await asyncio.sleep(d)
    return d


async def main():
    ts = [asyncio.create_task(after(d)) for d in (2, 1, 3)]
    done, pending = await asyncio.wait(ts)
    print(len(done), len(pending), sorted(t.result() for t in done))


if __name__ == "__main__":
    asyncio.run(main())
