# A common pattern: wait(FIRST_COMPLETED), then cancel what is pending and wait again.
import asyncio


async def after(d):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        print("cancelled task sleeping", d)
        raise
    return d


async def main():
    ts = [asyncio.create_task(after(d)) for d in (3, 1, 2)]
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print("first:", [t.result() for t in done], "pending:", len(pending))
    for t in ts:
        if t in pending:
            t.cancel()
    done, pending = await asyncio.wait(pending)
    print("now done:", len(done), "all cancelled:", all(t.cancelled() for t in done))


if __name__ == "__main__":
    asyncio.run(main())
