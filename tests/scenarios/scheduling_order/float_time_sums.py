# The virtual clock lands exactly on each deadline as CPython computes it in doubles
# (0.1 + 0.2 is not 0.3).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for d in (0.1, 0.2, 0.3, 0.7):
        await asyncio.sleep(d)
        print(loop.time())


if __name__ == "__main__":
    asyncio.run(main())
