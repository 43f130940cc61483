# Nested timeouts each record cancelling() on entry and uncancel on exit, so the counts
# come back level by level.
import asyncio


async def main():
    me = asyncio.current_task()
    try:
        async with asyncio.timeout(2):
            try:
                async with asyncio.timeout(1):
                    print("inner entered at cancelling", me.cancelling())
                    await asyncio.sleep(5)
            except TimeoutError:
                print("inner TimeoutError, cancelling", me.cancelling())
            await asyncio.sleep(5)
    except TimeoutError:
        print("outer TimeoutError, cancelling", me.cancelling())


if __name__ == "__main__":
    asyncio.run(main())
