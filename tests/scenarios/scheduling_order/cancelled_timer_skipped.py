# A cancelled TimerHandle never runs; the clock does not stop at its deadline.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    h = loop.call_later(1, print, "never")
    loop.call_later(2, print, "at 2")
    h.cancel()
    await asyncio.sleep(3)
    print("now", loop.time())


if __name__ == "__main__":
    asyncio.run(main())
