# async for over __aiter__/__anext__ with StopAsyncIteration, break and else.
import asyncio

class Ticker:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(0.01)
        return self.i

async def main():
    async for t in Ticker(3):
        print("tick", t)
    else:
        print("ticker done")
    async for t in Ticker(10):
        if t == 2:
            break
    print("broke at", t)


if __name__ == "__main__":
    asyncio.run(main())
