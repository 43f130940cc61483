# Cancelling an outer gather cancels the inner gather and through it the leaves.
import asyncio


async def leaf(n):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("leaf", n, "cancelled")
        raise


async def main():
    inner = asyncio.gather(leaf(1), leaf(2))
    outer = asyncio.gather(inner, leaf(3))
    await asyncio.sleep(0)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled:", outer.cancelled(), "inner cancelled:", inner.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
