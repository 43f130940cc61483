# Generators: yield, yield from, send, generator expressions, StopIteration.
import asyncio

def count(n):
    for i in range(n):
        yield i

def chain(*its):
    for it in its:
        yield from it

def echo():
    got = yield "ready"
    while got is not None:
        got = yield got * 2

async def main():
    print(list(count(4)), list(chain([1, 2], count(2), "ab")))
    e = echo()
    print(next(e), e.send(5), e.send(7))
    g = (x * x for x in range(5) if x % 2)
    print(sum(g), sum(x for x in range(10)))
    it = count(1)
    print(next(it), next(it, "exhausted"))


if __name__ == "__main__":
    asyncio.run(main())
