# call_later(0) goes through the timer heap but runs in the next pass, in order with
# call_soon callbacks made ready at that moment.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0, print, "call_later 0")
    loop.call_soon(print, "call_soon")
    loop.call_later(0, print, "call_later 0 again")
    await asyncio.sleep(0)
    print("after sleep(0)")
    await asyncio.sleep(0)
    print("after second sleep(0)")


if __name__ == "__main__":
    asyncio.run(main())
