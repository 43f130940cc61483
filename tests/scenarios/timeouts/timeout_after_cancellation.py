# After catching a cancellation (cancelling() stays 1), a timeout(0) in cleanup still
# expires and raises TimeoutError. Port of test_timeout_after_cancellation.
import asyncio


async def main():
    try:
        asyncio.current_task().cancel()
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("cancelled, cancelling =", asyncio.current_task().cancelling())
    finally:
        try:
            async with asyncio.timeout(0.0):
                await asyncio.sleep(1)
        except TimeoutError:
            print("cleanup TimeoutError")
    print("cancelling =", asyncio.current_task().cancelling())


if __name__ == "__main__":
    asyncio.run(main())
