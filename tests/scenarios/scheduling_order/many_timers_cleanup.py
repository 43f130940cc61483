# Over 100 timers, more than half cancelled: the heap is rebuilt, the survivors still
# fire in deadline order.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    handles = [loop.call_later(1 + n * 0.01, print, "timer", n) for n in range(120)]
    for n, h in enumerate(handles):
        if n % 10 != 0:
            h.cancel()
    await asyncio.sleep(3)
    print("end", loop.time())


if __name__ == "__main__":
    asyncio.run(main())
