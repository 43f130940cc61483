# uncancel() never goes below zero. differs: 3.11/3.12 vs 3.13/3.14
import asyncio


async def main():
    t = asyncio.current_task()
    print(t.uncancel(), t.uncancel(), t.cancelling())
    t.cancel()
    print(t.cancelling(), t.uncancel(), t.uncancel())
    await asyncio.sleep(0)
    print("not cancelled: uncancel at 0 rescinds on 3.13; on 3.11/3.12 this line is not reached")


if __name__ == "__main__":
    asyncio.run(main())
