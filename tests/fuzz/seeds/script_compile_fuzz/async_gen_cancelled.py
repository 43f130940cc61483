# A task iterating an async generator is cancelled while the generator awaits
# asyncio.sleep: CancelledError arrives at that await inside the generator, its finally
# runs, and the cancellation propagates out of the async for to the task.
import asyncio


async def ticker():
    i = 0
    try:
        while True:
            await asyncio.sleep(1)
            print("tick", i)
            yield i
            i += 1
    except asyncio.CancelledError:
        print("ticker cancelled at its await")
        raise
    finally:
        print("ticker finally")


async def consumer():
    try:
        async for i in ticker():
            print("consumed", i)
    except asyncio.CancelledError:
        print("consumer sees the cancellation")
        raise


async def main():
    task = asyncio.create_task(consumer(), name="consumer")
    await asyncio.sleep(2.5)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("main: consumer cancelled", task.cancelled())


if __name__ == "__main__":
    asyncio.run(main())
