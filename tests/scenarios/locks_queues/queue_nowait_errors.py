# get_nowait on an empty queue and put_nowait on a full one raise QueueEmpty/QueueFull.
import asyncio


async def main():
    q = asyncio.Queue(maxsize=1)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    q.put_nowait(1)
    try:
        q.put_nowait(2)
    except asyncio.QueueFull:
        print("QueueFull")
    print(q.get_nowait(), q.qsize(), q.full())


if __name__ == "__main__":
    asyncio.run(main())
