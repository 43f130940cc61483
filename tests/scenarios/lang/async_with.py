# async with over a class with __aenter__/__aexit__ that await.
import asyncio

class Res:
    def __init__(self, name):
        self.name = name
    async def __aenter__(self):
        await asyncio.sleep(0.1)
        print("open", self.name)
        return self
    async def __aexit__(self, typ, exc, tb):
        await asyncio.sleep(0.1)
        print("close", self.name, typ.__name__ if typ else None)
        return typ is KeyError

async def main():
    async with Res("r1") as r:
        print("using", r.name)
    async with Res("r2"):
        raise KeyError("x")
    try:
        async with Res("r3"):
            raise ValueError("y")
    except ValueError:
        print("r3 error propagated")


if __name__ == "__main__":
    asyncio.run(main())
