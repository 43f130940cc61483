# A call_soon callback scheduled before a task's first step runs first; callbacks added
# during a pass run in the next one.
import asyncio


async def child():
    print("child first step")
    await asyncio.sleep(0)
    print("child second step")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "callback 1")
    t = asyncio.create_task(child())
    loop.call_soon(print, "callback 2")

    def chain():
        print("chain")
        loop.call_soon(print, "chained callback")

    loop.call_soon(chain)
    await t


if __name__ == "__main__":
    asyncio.run(main())
