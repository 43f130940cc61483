# The CancelledError a timeout throws has no message; wait_for's too.
import asyncio


async def main():
    async with asyncio.timeout(1):
        try:
            await asyncio.sleep(5)
        except asyncio.CancelledError as e:
            print("timeout cancel args:", e.args)
            raise


if __name__ == "__main__":
    asyncio.run(main())
