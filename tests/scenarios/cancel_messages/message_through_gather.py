# gather's outer future cancelled with a message passes it to every child.
import asyncio


async def child(n):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("child", n, "got", e.args)
        raise


async def main():
    g = asyncio.gather(child(1), child(2))
    await asyncio.sleep(0)
    g.cancel("stop all")
    try:
        await g
    except asyncio.CancelledError as e:
        print("gather raised", e.args)


if __name__ == "__main__":
    asyncio.run(main())
