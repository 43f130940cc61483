# Cancelling outer() reaches the future inner() awaits; outer catches the CancelledError
# and finishes. Port of test_yield_future_passes_cancel (test_tasks.py).
import asyncio


async def main():
    waiter = asyncio.get_running_loop().create_future()
    proof = [0]

    async def inner():
        try:
            await waiter
        except asyncio.CancelledError:
            proof[0] += 1
            raise

    async def outer():
        try:
            await inner()
        except asyncio.CancelledError:
            proof[0] += 100
        else:
            proof[0] += 10

    f = asyncio.ensure_future(outer())
    await asyncio.sleep(0)
    f.cancel()
    await f
    print("proof:", proof[0], "waiter cancelled:", waiter.cancelled(), "f cancelled:", f.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
