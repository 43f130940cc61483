# with statements: __enter__/__exit__, exception passed to __exit__, suppression, nesting.
import asyncio

class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, typ, exc, tb):
        print("exit", self.name, typ.__name__ if typ else None, exc)
        return self.suppress

async def main():
    with CM("a") as v:
        print("body", v)
    with CM("b", suppress=True):
        raise ValueError("swallowed")
    print("after b")
    try:
        with CM("c"):
            raise KeyError("kept")
    except KeyError as e:
        print("propagated", repr(e))
    with CM("d") as d, CM("e") as e:
        print("both", d, e)
    def early():
        with CM("f"):
            return "returned"
    print(early())


if __name__ == "__main__":
    asyncio.run(main())
