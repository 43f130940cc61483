# Timers with one deadline come out of the heap in heapq's order, not FIFO; a cancelled
# one in the middle is skipped when it reaches the top, which changes the order of the rest.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    handles = [loop.call_at(1.0, print, "timer", n) for n in range(8)]
    handles[2].cancel()
    loop.call_at(1.0, print, "timer 8 (added after the cancel)")
    await asyncio.sleep(2)


if __name__ == "__main__":
    asyncio.run(main())
